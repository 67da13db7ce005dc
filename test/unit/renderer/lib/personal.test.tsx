// @vitest-environment jsdom
// Erased personal data is stored as one marker; each reader sees it in their language, also where
// an erased phone number sat inside free text.
import { render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { initI18n } from '../../../../renderer/lib/i18n';
import { usePersonal } from '../../../../renderer/lib/personal';
import { ERASED } from '../../../../shared/domain/erasure';

function Shown({ value }: { value: string | null }) {
  const shown = usePersonal();
  return <p>{shown(value) || 'nothing'}</p>;
}

test.each([
  ['en', '[erased]'],
  ['zh-CN', '[已删除]'],
] as const)('in %s the marker reads %s, inside text too; other text and empty values are untouched', async (language, label) => {
  await initI18n(language);
  await i18next.changeLanguage(language);
  const { rerender } = render(<Shown value={ERASED} />);
  expect(screen.getByText(label)).toBeInTheDocument();
  rerender(<Shown value={`请回电 ${ERASED}，周一上午`} />);
  expect(screen.getByText(`请回电 ${label}，周一上午`)).toBeInTheDocument();
  rerender(<Shown value="张伟 [not erased]" />);
  expect(screen.getByText('张伟 [not erased]')).toBeInTheDocument();
  rerender(<Shown value={null} />);
  expect(screen.getByText('nothing')).toBeInTheDocument();
});
