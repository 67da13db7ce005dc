// Which Node ABI a native module was compiled for, read from the module itself: a non-N-API addon
// exports `node_register_module_v<ABI>`. Used by dist.mjs to refuse an installer whose
// better-sqlite3 was built against Node's headers instead of Electron's (TOOLCHAIN.md trap 4):
// such an app would install fine and then fail at its first start on every workstation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** ABI of one .node file, or undefined when it carries no such symbol (N-API modules). */
export function moduleAbi(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : undefined;
}

/** Every better_sqlite3.node below `dir` (an unpacked app folder or the release folder). */
export function findNativeModules(dir, name = 'better_sqlite3.node') {
  const found = [];
  const walk = (d) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(path);
      else if (entry === name) found.push(path);
    }
  };
  walk(dir);
  return found;
}

/** Problems (one line each) for modules under `dir` not built for `expectedAbi`; [] when all fit. */
export function abiProblems(dir, expectedAbi) {
  const modules = findNativeModules(dir);
  if (modules.length === 0) return [`no better_sqlite3.node found under ${dir}`];
  return modules
    .map((file) => ({ file, abi: moduleAbi(file) }))
    .filter((m) => m.abi !== expectedAbi)
    .map((m) => `${m.file} is built for ABI ${m.abi ?? 'unknown'}, Electron needs ${expectedAbi}`);
}
