// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { initI18n } from '../../../../renderer/lib/i18n';
import { ScriptLine } from '../../../../renderer/components/ScriptLine';

beforeAll(async () => {
  await initI18n('en');
});

test('the read-back line shows typed values and a marked gap naming what to ask for (P6)', () => {
  const { container } = render(
    <ScriptLine line="Your number is {caller.phone}, your address is {caller.address}." values={{ 'caller.phone': '138 0013 8000', 'caller.address': '' }} />,
  );
  expect(container.textContent).toBe('Your number is 138 0013 8000, your address is [ask: address].');
  expect(screen.getByText('[ask: address]').tagName).toBe('MARK');
  expect(screen.getByText('138 0013 8000').tagName).toBe('STRONG');
});

test('an unknown placeholder stays visible as typed', () => {
  render(<ScriptLine line="Hi {caller.nmae}" values={{}} />);
  expect(screen.getByText('{caller.nmae}')).toHaveAttribute('title', 'Unknown placeholder');
});
