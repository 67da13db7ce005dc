// The architecture's import rules live in eslint.config.mjs. This lints tiny snippets placed at
// virtual paths in each zone, so a rule that is deleted, misspelt or pointed at the wrong folder fails
// here instead of silently letting a breach through. Each forbidden case has an allowed twin, so a rule
// that flags everything fails too.
import { ESLint } from 'eslint';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

// Type information is left out: none of these rules needs it, and loading the TypeScript projects
// would make this test ten times slower. The type-aware rules are switched off for the same reason.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
});

// Loading the config and its plugins takes a few seconds on a busy machine; the first lint pays for it.
beforeAll(() => eslint.calculateConfigForFile(join(root, 'shared/domain/probe.ts')), 120_000);
vi.setConfig({ testTimeout: 60_000 });

async function rulesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result!.messages.map((m) => m.ruleId ?? '');
}

const restricted = 'no-restricted-imports';
const paths = 'import-x/no-restricted-paths';

type Case = [file: string, code: string, rule: string | null];

const cases: Record<string, Case[]> = {
  'shared/: no Node, Electron, React, DOM, core or renderer': [
    ['shared/domain/probe.ts', "import { readFileSync } from 'node:fs';", restricted],
    ['shared/domain/probe.ts', "import { readFileSync } from 'fs';", restricted],
    ['shared/domain/probe.ts', "import { app } from 'electron';", restricted],
    ['shared/domain/probe.ts', "import { useState } from 'react';", restricted],
    ['shared/domain/probe.ts', "import Database from 'better-sqlite3';", restricted],
    ['shared/domain/probe.ts', 'export const width = () => window.innerWidth;', 'no-restricted-globals'],
    ['shared/domain/probe.ts', "import { dispatch } from '../../electron/core/dispatch';", paths],
    ['shared/domain/probe.ts', "import { api } from '../../renderer/lib/api';", paths],
    ['shared/domain/probe.ts', "import { z } from 'zod';\nimport { localDayOf } from './period';", null],
  ],
  'electron/core/: no Electron, React, main, preload or renderer code': [
    ['electron/core/calls/probe.ts', "import { app } from 'electron';", restricted],
    ['electron/core/calls/probe.ts', "import { useState } from 'react';", restricted],
    ['electron/core/calls/probe.ts', "import { isAllowedNavigation } from '../../main/security';", paths],
    ['electron/core/calls/probe.ts', "import { buildApi } from '../../preload/index';", paths],
    ['electron/core/calls/probe.ts', "import { api } from '../../../renderer/lib/api';", paths],
    // allowed: Node, and the locale files as data (export headers speak the UI language)
    ['electron/core/calls/probe.ts', "import { readFileSync } from 'node:fs';\nimport en from '../../../renderer/locales/en/exports.json';", null],
  ],
  'electron/main/: no renderer code, no React': [
    ['electron/main/probe.ts', "import { api } from '../../renderer/lib/api';", paths],
    ['electron/main/probe.ts', "import { useState } from 'react';", restricted],
    ['electron/main/probe.ts', "import { app } from 'electron';\nimport { dispatch } from '../core/dispatch';", null],
  ],
  'electron/preload/: nothing but electron': [
    ['electron/preload/probe.ts', "import { z } from 'zod';", restricted],
    ['electron/preload/probe.ts', "import { join } from 'node:path';", restricted],
    ['electron/preload/probe.ts', "import { dispatch } from '../core/dispatch';", paths],
    ['electron/preload/probe.ts', "import { methodNames } from '../../shared/contract';", paths],
    ['electron/preload/probe.ts', "import { contextBridge, ipcRenderer } from 'electron';\nimport { buildApi } from './index';", null],
  ],
  'renderer/: no Electron, Node or core': [
    ['renderer/lib/probe.ts', "import { ipcRenderer } from 'electron';", restricted],
    ['renderer/lib/probe.ts', "import { readFileSync } from 'node:fs';", restricted],
    ['renderer/lib/probe.ts', "import Database from 'better-sqlite3';", restricted],
    ['renderer/lib/probe.ts', "import { dispatch } from '../../electron/core/dispatch';", paths],
    ['renderer/lib/probe.ts', "export const load = () => import('node:fs');", 'no-restricted-syntax'],
    ['renderer/lib/probe.ts', "export const load = () => import('../../electron/core/dispatch');", paths],
    ['renderer/lib/probe.ts', "export const load = () => require('node:fs');", '@typescript-eslint/no-require-imports'],
    ['renderer/lib/probe.ts', "import { methodNames } from '../../shared/contract';\nimport { useState } from 'react';", null],
  ],
  "renderer/features/X: not another feature's internals": [
    ['renderer/features/reports/Probe.tsx', "import { NotesForm } from '../call/NotesForm';", paths],
    ['renderer/features/about/Probe.tsx', "import { ReportsScreen } from '../reports/ReportsScreen';", paths],
    [
      'renderer/features/reports/Probe.tsx',
      "import { Modal } from '../../components/Modal';\nimport { api } from '../../lib/api';\nimport { BarList } from './BarList';\nimport { localDayOf } from '../../../shared/domain/period';",
      null,
    ],
  ],
};

describe.each(Object.entries(cases))('%s', (_zone, list) => {
  test.each(list)('%s: %s', async (file, code, rule) => {
    const hit = await rulesHit(file, code);
    if (rule === null) expect(hit).toEqual([]);
    else expect(hit).toContain(rule);
  });
});

describe('import cycles', () => {
  // shared/contract/calls.ts imports './define' at run time, so define importing calls closes a loop.
  test('a run-time cycle is an error', async () => {
    expect(await rulesHit('shared/contract/define.ts', "import { callsContract } from './calls';\nexport const all = [callsContract];")).toContain(
      'import-x/no-cycle',
    );
  });
  test('a type-only back edge is not (erased at compile time, cannot change initialisation order)', async () => {
    expect(await rulesHit('shared/contract/define.ts', "import type { callsContract } from './calls';\nexport type All = typeof callsContract;")).toEqual([]);
  });
});

describe('react hooks', () => {
  const file = 'renderer/features/call/Probe.tsx';
  test('a hook called conditionally is an error', async () => {
    const code = "import { useState } from 'react';\nexport function Probe({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n";
    expect(await rulesHit(file, code)).toContain('react-hooks/rules-of-hooks');
  });
  test('a missing effect dependency is an error, not a warning', async () => {
    const code =
      "import { useEffect } from 'react';\nexport function Probe({ id }: { id: string }) {\n  useEffect(() => {\n    console.log(id);\n  }, []);\n  return null;\n}\n";
    const [result] = await eslint.lintText(code, { filePath: join(root, file) });
    expect(result!.messages.map((m) => [m.ruleId, m.severity])).toContainEqual(['react-hooks/exhaustive-deps', 2]);
  });
  test('the same component with its dependency listed passes', async () => {
    const code =
      "import { useEffect } from 'react';\nexport function Probe({ id }: { id: string }) {\n  useEffect(() => {\n    console.log(id);\n  }, [id]);\n  return null;\n}\n";
    expect(await rulesHit(file, code)).toEqual([]);
  });
});
