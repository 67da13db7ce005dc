import { build } from 'esbuild';
import { methodNames } from '../../../../shared/contract';
import { methodsArgPrefix } from '../../../../electron/main/window';

const fake = await vi.hoisted(async () => (await import('../fake-electron')).createFakeElectron());
vi.mock('electron', () => fake.module);

type Api = Record<string, (input?: unknown) => Promise<unknown>>;

/** Loads the preload afresh as if the renderer process had been started with `args`. */
async function loadPreload(args: string[]): Promise<{ name: string; api: Api }> {
  fake.reset();
  vi.resetModules();
  const saved = process.argv;
  process.argv = [...saved, ...args];
  try {
    await import('../../../../electron/preload/index');
  } finally {
    process.argv = saved;
  }
  expect(fake.module.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [name, api] = fake.module.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Api];
  return { name, api };
}

describe('preload', () => {
  it('exposes window.callConsole with exactly the methods named in argv', async () => {
    const { name, api } = await loadPreload(['--type=renderer', `${methodsArgPrefix}app.info,calls.start`]);
    expect(name).toBe('callConsole');
    expect(Object.keys(api).sort()).toEqual(['app.info', 'calls.start']);
    for (const fn of Object.values(api)) expect(fn).toBeTypeOf('function');
  });

  it('exposes every contract method when given the list the window passes', async () => {
    const { api } = await loadPreload([methodsArgPrefix + methodNames.join(',')]);
    expect(Object.keys(api).sort()).toEqual([...methodNames].sort());
  });

  it('forwards each call to ipcRenderer.invoke on the channel of its own name', async () => {
    const { api } = await loadPreload([`${methodsArgPrefix}app.info,calls.start`]);
    const envelope = { ok: true, value: { id: 'c1' } };
    fake.module.ipcRenderer.invoke.mockResolvedValueOnce(envelope);
    const input = { phone: '13800000000' };

    await expect(api['calls.start']!(input)).resolves.toBe(envelope);
    expect(fake.module.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith('calls.start', input);

    await api['app.info']!();
    expect(fake.module.ipcRenderer.invoke).toHaveBeenLastCalledWith('app.info', undefined);
  });

  it('never exposes ipcRenderer or a generic invoke/send/on', async () => {
    const { api } = await loadPreload([`${methodsArgPrefix}app.info,ipcRenderer,invoke,send,on`]);
    expect(Object.keys(api)).toEqual(['app.info']);
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'on', 'sendSync']) expect(api).not.toHaveProperty(forbidden);
    expect(Object.values(api)).not.toContain(fake.module.ipcRenderer.invoke);
    expect(fake.module.contextBridge.exposeInMainWorld).not.toHaveBeenCalledWith('ipcRenderer', expect.anything());
  });

  it('exposes nothing when the main process passed no method list', async () => {
    const { api } = await loadPreload([]);
    expect(Object.keys(api)).toEqual([]);
  });

  it('bundles to code that requires nothing but electron', async () => {
    // The sandboxed preload can require only 'electron'; shared code or zod would fail at run time.
    const result = await build({
      entryPoints: ['electron/preload/index.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(Object.keys(result.metafile.inputs)).toEqual(['electron/preload/index.ts']);
    const code = result.outputFiles[0]!.text;
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });
});
