// @vitest-environment jsdom
// The one modal shell, as a keyboard-only agent meets it: focus moves in, Tab cannot wander behind
// the dialog, Escape closes, and the cursor returns to where it was.
import { fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { Modal } from '../../../../renderer/components/Modal';

function Page({ autoFocusReason = false }: { autoFocusReason?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <textarea aria-label="Details" />
      <button type="button" onClick={() => setOpen(true)}>
        Transfer
      </button>
      {open && (
        <Modal labelledBy="h" className="test" onClose={() => setOpen(false)}>
          <h2 id="h">Transfer the call</h2>
          <input aria-label="To whom" />
          <input aria-label="Gist" autoFocus={autoFocusReason} />
          <button type="button" disabled>
            Never reachable
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Done
          </button>
        </Modal>
      )}
    </>
  );
}

function openFrom(name: string) {
  const opener = screen.getByRole('button', { name });
  opener.focus();
  fireEvent.click(opener);
  return opener;
}

test('opening puts focus on the first control; Tab and Shift+Tab wrap inside the dialog', () => {
  render(<Page />);
  openFrom('Transfer');
  const toWhom = screen.getByLabelText('To whom');
  const done = screen.getByRole('button', { name: 'Done' });
  expect(document.activeElement).toBe(toWhom);
  done.focus();
  fireEvent.keyDown(done, { key: 'Tab' });
  expect(document.activeElement).toBe(toWhom);
  fireEvent.keyDown(toWhom, { key: 'Tab', shiftKey: true });
  expect(document.activeElement).toBe(done);
});

test('a field that asks for focus keeps it', () => {
  render(<Page autoFocusReason />);
  openFrom('Transfer');
  expect(document.activeElement).toBe(screen.getByLabelText('Gist'));
});

test('with an autofocused field, closing still puts focus back where the agent was before opening', () => {
  render(<Page autoFocusReason />);
  const opener = openFrom('Transfer');
  const gist = screen.getByLabelText('Gist');
  expect(document.activeElement).toBe(gist);
  fireEvent.keyDown(gist, { key: 'Escape' });
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(document.activeElement).toBe(opener);
});

test('closing with a button inside the dialog returns focus to the field the agent was typing in', () => {
  render(<Page autoFocusReason />);
  const details = screen.getByLabelText('Details');
  details.focus();
  // opened from the keyboard while typing: focus never touched the opener
  fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
  expect(document.activeElement).toBe(screen.getByLabelText('Gist'));
  fireEvent.click(screen.getByRole('button', { name: 'Done' }));
  expect(document.activeElement).toBe(details);
});

test('under StrictMode (effects run twice in development) the autofocused field keeps focus and it still returns', () => {
  render(
    <StrictMode>
      <Page autoFocusReason />
    </StrictMode>,
  );
  const opener = openFrom('Transfer');
  expect(document.activeElement).toBe(screen.getByLabelText('Gist'));
  fireEvent.keyDown(screen.getByLabelText('Gist'), { key: 'Escape' });
  expect(document.activeElement).toBe(opener);
});

test('Escape closes and focus returns to the control that opened the dialog', () => {
  render(<Page />);
  const opener = openFrom('Transfer');
  fireEvent.keyDown(screen.getByLabelText('To whom'), { key: 'Escape' });
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(document.activeElement).toBe(opener);
});
