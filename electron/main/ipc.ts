// Wires the contract to the dispatcher over IPC. Invariant: every channel passes through one funnel
// that answers only our own renderer page; a foreign frame gets 'forbidden' and the dispatcher never
// sees its input. Channels are exactly the contract's method names, nothing else is registered.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { methodNames } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import type { Dispatch } from '../core/dispatch';
import { isTrustedSender } from './security';

function senderUrl(event: IpcMainInvokeEvent): string | undefined {
  try {
    // senderFrame is null (or throws on older versions) once the frame has navigated or gone
    return event.senderFrame?.url;
  } catch {
    return undefined;
  }
}

export function createIpcFunnel(dispatch: Dispatch, rendererIndexUrl: string) {
  return async (method: string, event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(senderUrl(event), rendererIndexUrl)) {
      return { ok: false, error: { code: 'forbidden', message: `${method} refused: the sender is not the app's page` } };
    }
    return dispatch(method, input);
  };
}

/** Registers one handler per contract method; returns a function that removes them again. */
export function wireIpc(dispatch: Dispatch, rendererIndexUrl: string): () => void {
  const funnel = createIpcFunnel(dispatch, rendererIndexUrl);
  for (const method of methodNames) {
    ipcMain.handle(method, (event, input: unknown) => funnel(method, event, input));
  }
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(method);
  };
}
