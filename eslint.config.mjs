// Lint is where the architecture's import rules live: each process zone (shared, core, main, preload,
// renderer) may import only what its process can load, renderer features stay out of each other's
// internals, and no module takes part in a run-time import cycle. test/unit/lint-rules.test.ts
// proves every rule here still fires.
import { builtinModules } from 'node:module';
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const root = import.meta.dirname;
const ts = ['**/*.{ts,tsx,mts,cts}'];

// Bare Node built-ins ('fs') as well as 'node:fs': both reach Node.
const nodeBuiltins = {
  regex: `^(node:.*|(${builtinModules.map((m) => m.replace('/', '\\/')).join('|')})(\\/.*)?)$`,
  message: 'Node built-ins only run in the main process and the core.',
};
const electronPkg = { regex: '^electron(\\/.*)?$', message: 'Only electron/main and electron/preload may import Electron.' };
const reactPkgs = { regex: '^(react|react-dom|react-i18next|@tanstack\\/react-virtual)(\\/.*)?$', message: 'React belongs to the renderer.' };
const nodeOnlyPkgs = { regex: '^(better-sqlite3|exceljs|pg|uuid)(\\/.*)?$', message: 'Database and file packages run in the core (Node) only.' };

/** import-x/no-restricted-paths zone: files under `target` must not import from `from`. */
const zone = (target, from, message, except) => ({ target: `./${target}`, from: `./${from}`, message, ...(except ? { except } : {}) });

// One zone per renderer feature: a feature may use renderer/components, renderer/lib and shared, and
// its own folder, never another feature's internals (shared pieces move to components/ or lib/).
const features = readdirSync(`${root}/renderer/features`, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const featureZones = features.map((name) =>
  zone(
    `renderer/features/${name}`,
    'renderer/features',
    `renderer/features/${name} may not import another feature; move shared pieces to renderer/components or renderer/lib.`,
    [`./${name}`],
  ),
);

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', '.cache/**', 'test-results/**', 'playwright-report/**', 'node_modules/**', 'tmp/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: c.files ?? ts })),
  {
    files: ts,
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Type-aware: a promise nobody awaits loses its error (a failed save the agent never hears of; in a
    // test, an assertion that never runs). The rest of recommendedTypeChecked (no-unsafe-*) would mostly
    // flag values zod has already checked. Type information costs about 25 s of CPU per run (measured:
    // 49 s with it, 19 s without); limiting it to electron/, renderer/ and shared/ saved only 8 s.
    files: ts,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Import cycles: only run-time imports count. `import type` is erased by the compiler, so it cannot
    // change the order modules initialise in; a type-only back edge (a domain naming the context type
    // that the service composes) is how the layers are meant to refer to each other.
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      // Without these import-x skips .ts files when it follows imports, and finds no cycle at all.
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/unit/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // These five check that code can be compiled by the React Compiler, which this app does not run.
      // They reject the "latest handler in a ref" pattern that useAutosave and useShortcuts rely on
      // (assigned during render so an event never calls a stale handler), the loading flag that a
      // screen sets as its fetch starts, @tanstack/react-virtual, and a useCallback the compiler would
      // memoise differently. Everything else is an error.
      'react-hooks/refs': 'off',
      'react-hooks/preserve-manual-memoization': 'off',
      'react-hooks/immutability': 'off',
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/incompatible-library': 'off',
      'react-hooks/unsupported-syntax': 'error',
    },
  },

  // ---- Process zones ----
  {
    // no-restricted-imports sees only static imports (require() is refused by typescript-eslint), so a
    // package loaded with import() would slip past the zone rules below.
    files: ['shared/**', 'electron/**', 'renderer/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.type!='Literal'], ImportExpression[source.value=/^[^.]/]",
          message: 'Import packages statically, so the zone rules can check them.',
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [nodeBuiltins, electronPkg, reactPkgs, nodeOnlyPkgs, { regex: 'i18next', message: 'shared/ carries codes; the renderer translates them.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'shared/ runs in every process: no DOM and no Node globals.',
        })),
      ],
      'import-x/no-restricted-paths': [
        'error',
        { zones: [zone('shared', 'electron', 'shared/ may not import electron/.'), zone('shared', 'renderer', 'shared/ may not import renderer/.')] },
      ],
    },
  },
  {
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronPkg, reactPkgs] }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('electron/core', 'electron/main', 'The core runs without Electron (browser mode, CLI): it may not import electron/main.'),
            zone('electron/core', 'electron/preload', 'The core may not import the preload.'),
            // The core reads the locale files as data: export headers and the printed report speak the UI language.
            zone('electron/core', 'renderer', 'The core may not import renderer code (only renderer/locales/*/*.json as data).', ['./locales']),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [reactPkgs] }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('electron/main', 'renderer', 'The main process may not import renderer code.'),
            zone('electron/main', 'electron/preload', 'The preload is its own bundle.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      // The preload runs sandboxed as one small CommonJS bundle: Electron's contextBridge and ipcRenderer only.
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!electron$)[^.]', message: 'The preload imports nothing but electron.' }] }],
      'import-x/no-restricted-paths': [
        'error',
        // packages (node_modules) are the rule above's business: this one keeps the preload out of the repo's own folders
        { zones: [zone('electron/preload', '.', 'The preload imports nothing but electron.', ['./electron/preload', './node_modules'])] },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electronPkg, nodeOnlyPkgs] }],
      'import-x/no-restricted-paths': [
        'error',
        { zones: [zone('renderer', 'electron', 'The renderer reaches the core only through window.callConsole (renderer/lib/api.ts).'), ...featureZones] },
      ],
    },
  },
);
