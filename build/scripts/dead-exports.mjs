// Dead exports: a name exported from shared/, electron/ or renderer/ that no file imports (tests count
// as users) and that its own file never uses either, so deleting it changes nothing. An export used
// only inside its own file is not reported: it is merely exported wider than needed.
// `node build/scripts/dead-exports.mjs` lists them; test/unit/build/dead-exports.test.ts keeps the list empty.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ts = createRequire(import.meta.url)('typescript');
const checked = /^(shared|electron|renderer)\/.*\.tsx?$/;

/**
 * @param {{ path: string, text: string }[]} files repository-relative paths with '/'
 * @param {(path: string) => boolean} exists whether a module path exists (for resolving imports)
 * @returns {string[]} "path: name" for each dead export
 */
/** What `const { a, b } = await import(…)` or `(await import(…)).a` takes; '*' when it cannot tell. */
function namesTaken(call) {
  let node = call.parent;
  if (node && ts.isAwaitExpression(node)) node = node.parent;
  while (node && ts.isParenthesizedExpression(node)) node = node.parent;
  if (node && ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name)) {
    const names = node.name.elements.map((el) => (el.propertyName ?? el.name).getText());
    if (names.every((n) => /^\w+$/.test(n)) && !node.name.elements.some((el) => el.dotDotDotToken)) return names;
  }
  if (node && ts.isPropertyAccessExpression(node)) return [node.name.text];
  return ['*'];
}

export function deadExports(files, exists = (p) => files.some((f) => f.path === p)) {
  const used = new Map();
  const use = (path, name) => (used.get(path) ?? used.set(path, new Set()).get(path)).add(name);
  const resolveSpec = (from, spec) => {
    if (!spec.startsWith('.')) return null;
    const base = posix.normalize(posix.join(posix.dirname(from), spec));
    return ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((e) => base + e).find(exists) ?? null;
  };
  const exported = [];
  for (const { path, text } of files) {
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const target = resolveSpec(path, node.moduleSpecifier.text);
        const clause = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
        if (target && clause && (ts.isNamedImports(clause) || ts.isNamedExports(clause))) {
          for (const el of clause.elements) use(target, (el.propertyName ?? el.name).text);
        } else if (target) use(target, '*');
        if (target && ts.isImportDeclaration(node) && node.importClause?.name) use(target, 'default');
      } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
        const isLoad = node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require');
        const target = isLoad ? resolveSpec(path, node.arguments[0].text) : null;
        if (target) for (const name of namesTaken(node)) use(target, name);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        const target = resolveSpec(path, node.argument.literal.text);
        if (target) use(target, node.qualifier ? node.qualifier.getText().split('.')[0] : '*');
      }
      if (node.parent === sf && checked.test(path)) {
        const modifiers = ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : [];
        if (modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
          if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) exported.push({ path, name: 'default', text });
          else if (ts.isVariableStatement(node)) {
            for (const d of node.declarationList.declarations) if (ts.isIdentifier(d.name)) exported.push({ path, name: d.name.text, text });
          } else if (node.name && ts.isIdentifier(node.name)) exported.push({ path, name: node.name.text, text });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return exported
    .filter(({ path, name, text }) => {
      const users = used.get(path);
      if (users?.has('*') || users?.has(name)) return false;
      return name === 'default' || (text.match(new RegExp(`\\b${name}\\b`, 'g')) ?? []).length < 2;
    })
    .map(({ path, name }) => `${path}: ${name}`);
}

export function repositoryFiles(root) {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx', '*.mts'], { cwd: root, encoding: 'utf8' });
  return listed
    .split('\n')
    .filter((p) => p && !/\.d\.m?ts$/.test(p) && existsSync(resolve(root, p)))
    .map((path) => ({ path, text: readFileSync(resolve(root, path), 'utf8') }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const dead = deadExports(repositoryFiles(root), (p) => existsSync(resolve(root, p)) && statSync(resolve(root, p)).isFile());
  for (const line of dead) console.log(line);
  console.log(`dead exports: ${dead.length}`);
  process.exit(dead.length ? 1 : 0);
}
