// Lookups the call screen makes on a busy database:
// - O3/O5: opening a call finds the callback it was made for, and completing that call records the
//   callback's result in the same transaction: both find the callback by its call.
// - "Unfinished calls" lists the signed-in agent's own open calls, newest first, a page at a time.
export const sql = /* sql */ `
CREATE INDEX callbacks_by_call ON callbacks (call_id) WHERE call_id IS NOT NULL;
CREATE INDEX calls_open_by_agent ON calls (agent_id, created_at) WHERE status = 'open';
`;
