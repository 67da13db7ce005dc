import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { deadExports, repositoryFiles } from '../../../../build/scripts/dead-exports.mjs';

const root = resolve(__dirname, '../../../..');

test('no export in shared/, electron/ or renderer/ is dead (delete it, or use it)', () => {
  const files = repositoryFiles(root);
  expect(files.length).toBeGreaterThan(100);
  expect(deadExports(files, (p) => existsSync(resolve(root, p)) && statSync(resolve(root, p)).isFile())).toEqual([]);
}, 60_000);

test('an export nobody imports and its own file never uses is reported; imported or used ones are not', () => {
  const files = [
    {
      path: 'shared/domain/a.ts',
      text: 'export const dead = 1;\nexport const imported = 2;\nexport const usedHere = 3;\nexport const twice = usedHere * 2;\nexport type Gone = string;',
    },
    { path: 'renderer/lib/b.ts', text: "import { imported } from '../../shared/domain/a';\nexport const alsoDead = imported;" },
    { path: 'test/unit/c.test.ts', text: "import { twice } from '../../shared/domain/a';\nexport const inTests = twice;" },
  ];
  expect(deadExports(files)).toEqual(['shared/domain/a.ts: dead', 'shared/domain/a.ts: Gone', 'renderer/lib/b.ts: alsoDead']);
});

test('a namespace import or a re-export keeps every name alive', () => {
  const files = [
    { path: 'shared/a.ts', text: 'export const one = 1;\nexport const two = 2;' },
    { path: 'shared/b.ts', text: "import * as a from './a';\nexport const sum = a.one;\nexport { sum as total } from './c';" },
    { path: 'shared/c.ts', text: 'export const sum = 3;' },
    { path: 'renderer/d.ts', text: "import { total } from '../shared/b';\nimport { sum } from '../shared/b';\nconsole.log(total, sum);" },
  ];
  expect(deadExports(files)).toEqual([]);
});

test('a dynamic import keeps alive what it takes, and only that', () => {
  const files = [
    { path: 'shared/a.ts', text: 'export const one = 1;\nexport const two = 2;\nexport const three = 3;' },
    { path: 'test/t.test.ts', text: "const { one } = await import('../shared/a');\nconst two = (await import('../shared/a')).two;" },
  ];
  expect(deadExports(files)).toEqual(['shared/a.ts: three']);
});
