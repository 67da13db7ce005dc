import type { Envelope } from '../../../../shared/errors';
import { methodNames } from '../../../../shared/contract';
import { wireIpc } from '../../../../electron/main/ipc';

const fake = await vi.hoisted(async () => (await import('../fake-electron')).createFakeElectron());
vi.mock('electron', () => fake.module);

const home = 'file:///opt/call-console/dist/renderer/index.html';

/** what Electron passes as the first handler argument, reduced to what ipc.ts reads */
function eventFrom(url: string | null) {
  return { senderFrame: url === null ? null : { url } };
}

function invoke(channel: string, event: unknown, input: unknown): Promise<Envelope<unknown>> {
  const handler = fake.module.ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, input) as Promise<Envelope<unknown>>;
}

let dispatch: ReturnType<typeof vi.fn<(method: string, raw: unknown) => Promise<Envelope<unknown>>>>;

beforeEach(() => {
  fake.reset();
  dispatch = vi.fn(async (method: string, raw: unknown) => ({ ok: true as const, value: { method, raw } }));
});

describe('wireIpc', () => {
  it('registers exactly one invoke handler per contract method and nothing else', () => {
    wireIpc(dispatch, home);
    const channels = fake.module.ipcMain.handle.mock.calls.map((call) => call[0]);
    expect(channels.length).toBeGreaterThan(0);
    expect([...channels].sort()).toEqual([...methodNames].sort());
    expect(fake.module.ipcMain.on).not.toHaveBeenCalled();
    expect(fake.module.ipcMain.once).not.toHaveBeenCalled();
    expect(fake.module.ipcMain.handleOnce).not.toHaveBeenCalled();
  });

  it.each([['https://evil.example/'], ['file:///tmp/other/index.html'], ['file:///opt/call-console/dist/renderer/evil.html'], ['about:blank'], [null]])(
    'answers a frame at %s with forbidden, for every method, without dispatching',
    async (url) => {
      wireIpc(dispatch, home);
      for (const method of methodNames) {
        const result = await invoke(method, eventFrom(url), { any: 'input' });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('forbidden');
      }
      expect(dispatch).not.toHaveBeenCalled();
    },
  );

  it('treats a frame whose URL cannot be read as foreign', async () => {
    wireIpc(dispatch, home);
    const gone = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    const result = await invoke('app.info', gone, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('passes a call from our page to dispatch under its own method name and returns its envelope', async () => {
    const envelope = { ok: false as const, error: { code: 'validation' as const, message: 'bad phone' } };
    dispatch.mockResolvedValueOnce(envelope);
    wireIpc(dispatch, home);
    const input = { phone: '138 0000 0000' };

    expect(await invoke('calls.start', eventFrom(`${home}#/call`), input)).toBe(envelope);
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('calls.start', input);

    expect(await invoke('app.info', eventFrom(home), undefined)).toEqual({
      ok: true,
      value: { method: 'app.info', raw: undefined },
    });
  });

  it('removes exactly its handlers when asked', () => {
    const unwire = wireIpc(dispatch, home);
    unwire();
    expect(fake.module.ipcMain.handlers.size).toBe(0);
    expect(fake.module.ipcMain.removeHandler.mock.calls.map((c) => c[0]).sort()).toEqual([...methodNames].sort());
  });
});
