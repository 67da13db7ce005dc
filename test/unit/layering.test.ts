// The process rules of the architecture, enforced: a renderer that imports Node, or a core that
// imports Electron, fails here instead of in a code review.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3]!,
  );
}

/** 'electron/core/x' for a relative import, the package name otherwise */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return relative(root, resolve(root, dirname(file), spec));
}

const rules: { zone: string; forbidden: RegExp[] }[] = [
  { zone: 'shared', forbidden: [/^node:/, /^electron$/, /^react/, /^electron\//, /^renderer\//, /^better-sqlite3/] },
  // The core may read the locale files as data (export headers and the printed report speak the UI language).
  { zone: 'electron/core', forbidden: [/^electron$/, /^renderer\/(?!locales\/[^/]+\/[^/]+\.json$)/, /^electron\/main/, /^electron\/preload/, /^react/] },
  { zone: 'electron/main', forbidden: [/^renderer\//, /^react/] },
  { zone: 'electron/preload', forbidden: [/^zod/, /^electron\/core/, /^node:/, /^better-sqlite3/] },
  { zone: 'renderer', forbidden: [/^electron$/, /^node:/, /^electron\//, /^better-sqlite3/, /^exceljs/] },
];

describe.each(rules.map((r) => [r.zone, r.forbidden] as const))('%s', (zone, forbidden) => {
  test('imports only what its zone allows', () => {
    const offences: string[] = [];
    for (const file of sources(zone)) {
      for (const spec of imports(file)) {
        const to = target(file, spec);
        if (forbidden.some((f) => f.test(to))) offences.push(`${file} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});

test('the rule catches an offence (self-check on a known import)', () => {
  expect(imports('electron/core/dispatch.ts').map((s) => target('electron/core/dispatch.ts', s))).toContain('shared/contract');
});
