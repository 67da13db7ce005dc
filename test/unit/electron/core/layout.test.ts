// The layout rule a newcomer relies on: the methods `<prefix>.*` are declared in
// shared/contract/<prefix>.ts as `<prefix>Contract` and served by `<prefix>Handlers` in
// electron/core/<prefix>/handlers.ts, so any method's schema, handler and tests are found by its name.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../../shared/contract';
import { newSession, type ServiceContext } from '../../../../electron/core/context';
import { openDatabase } from '../../../../electron/core/db/open';
import { systemClock } from '../../../../electron/core/infra/clock';

const root = resolve(__dirname, '../../../..');
const prefixes = [...new Set(methodNames.map((m) => m.split('.')[0]!))].sort();

describe('folder = contract prefix = handler factory', () => {
  const ctx: ServiceContext = {
    db: openDatabase(':memory:'),
    clock: systemClock,
    info: { version: '0', dbPath: ':memory:', transport: 'browser' },
    session: newSession(),
  };

  it.each(prefixes)('%s: contract file, handlers file and factory agree', async (prefix) => {
    const contractModule = (await import(join(root, 'shared/contract', `${prefix}.ts`))) as Record<string, object>;
    const declared = Object.keys(contractModule[`${prefix}Contract`] ?? {}).sort();
    expect(declared, `shared/contract/${prefix}.ts declares ${prefix}Contract`).toEqual(methodNames.filter((m) => m.startsWith(`${prefix}.`)).sort());

    const handlersFile = join(root, 'electron/core', prefix, 'handlers.ts');
    expect(existsSync(handlersFile), `electron/core/${prefix}/handlers.ts exists`).toBe(true);
    const handlersModule = (await import(handlersFile)) as Record<string, (c: ServiceContext) => object>;
    const factory = handlersModule[`${prefix}Handlers`];
    expect(factory, `electron/core/${prefix}/handlers.ts exports ${prefix}Handlers`).toBeTypeOf('function');
    expect(Object.keys(factory!(ctx)).sort()).toEqual(declared);
  });

  it('every contract file and every handlers file belongs to a prefix', () => {
    const contractFiles = readdirSync(join(root, 'shared/contract')).filter((f) => !['index.ts', 'define.ts'].includes(f));
    expect(contractFiles.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(prefixes);
    const handlerFolders = readdirSync(join(root, 'electron/core'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, 'electron/core', d.name, 'handlers.ts')))
      .map((d) => d.name)
      .sort();
    expect(handlerFolders).toEqual(prefixes);
  });
});
