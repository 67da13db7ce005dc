// @vitest-environment jsdom
// The autosave must never lose typing when a save fails: a failed save keeps the
// text on screen and pending, says clearly that it was NOT saved, and the next save sends it.
import { useState } from 'react';
import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import { initI18n } from '../../../../renderer/lib/i18n';
import { ApiError } from '../../../../renderer/lib/api';
import { useAutosave } from '../../../../renderer/lib/use-autosave';
import { emptyCallFields, type Call, type CallFields } from '../../../../shared/schemas/call';

const api = vi.hoisted(() => vi.fn());
vi.mock('../../../../renderer/lib/api', async (original) => ({ ...(await original<typeof import('../../../../renderer/lib/api')>()), api }));
const { NotesForm } = await import('../../../../renderer/features/call/NotesForm');
const { api: mockedApi } = await import('../../../../renderer/lib/api');

/** NotesForm wired to the autosave the way CallWorkspace wires it (api -> calls.update). */
function Workspace({ id }: { id: string }) {
  const [fields, setFields] = useState<CallFields>(emptyCallFields);
  const autosave = useAutosave<CallFields>(async (changes) => {
    await mockedApi('calls.update', { id, fields: changes });
  });
  return (
    <NotesForm
      fields={fields}
      onEdit={(name, value) => {
        setFields((f) => ({ ...f, [name]: value }));
        autosave.change({ [name]: value });
      }}
      readOnly={false}
      missing={[]}
      autoFocus={false}
      saveState={autosave.state}
      onSave={() => void autosave.flush()}
    />
  );
}

const base = { id: '0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d' };

beforeAll(async () => {
  await initI18n('en');
});
beforeEach(() => api.mockReset());

test('a save that fails on a full disk keeps the text, says it was not saved, and the next save sends it', async () => {
  api.mockRejectedValueOnce(new ApiError('db_unavailable', 'disk full', 'disk_full'));
  api.mockImplementation(async (_method: string, input?: { fields: Partial<Call> }) => ({ ...base, ...input?.fields }));
  render(<Workspace id={base.id} />);

  const details = screen.getByLabelText(/^Details/);
  fireEvent.change(details, { target: { value: '客户要求改寄发票到新地址' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));

  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/Not saved: The disk is full: this was NOT saved/));
  expect(details).toHaveValue('客户要求改寄发票到新地址');
  expect(api).toHaveBeenCalledTimes(1);

  // the agent types on; the next save carries the failed text as well as the new
  fireEvent.change(screen.getByLabelText(/^Caller name/), { target: { value: '张伟' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent(/Saved/));
  expect(api).toHaveBeenLastCalledWith('calls.update', {
    id: base.id,
    fields: { details: '客户要求改寄发票到新地址', callerName: '张伟' },
  });
});

test('the hook keeps failed changes pending; what was typed after the failure wins', async () => {
  const write = vi.fn<(changes: Partial<Record<string, string>>) => Promise<void>>();
  write.mockRejectedValueOnce(new Error('locked')).mockRejectedValueOnce(new Error('locked again')).mockResolvedValue(undefined);
  const { result } = renderHook(() => useAutosave<Record<string, string>>(write, 10_000));

  act(() => result.current.change({ details: 'abc', subject: 'Invoice' }));
  await act(() => result.current.flush());
  expect(result.current.state.kind).toBe('failed');

  act(() => result.current.change({ details: 'abcd' }));
  await act(() => result.current.flush());
  expect(result.current.state.kind).toBe('failed');

  await act(() => result.current.flush());
  expect(result.current.state.kind).toBe('saved');
  expect(write.mock.calls.map((c) => c[0])).toEqual([
    { details: 'abc', subject: 'Invoice' },
    { details: 'abcd', subject: 'Invoice' },
    { details: 'abcd', subject: 'Invoice' },
  ]);
  // nothing is left pending once saved
  await act(() => result.current.flush());
  expect(write).toHaveBeenCalledTimes(3);
});
