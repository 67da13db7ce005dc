import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(__dirname, '../../../renderer/locales');
const languages = readdirSync(dir);

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function load(language: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of readdirSync(join(dir, language))) {
    out[file] = keys(JSON.parse(readFileSync(join(dir, language, file), 'utf8'))).sort();
  }
  return out;
}

test('both UI languages ship', () => {
  expect(languages.sort()).toEqual(['en', 'zh-CN']);
});

test('every string exists in English and in Chinese', () => {
  expect(load('zh-CN')).toEqual(load('en'));
});

test('no string is left empty', () => {
  for (const language of languages) {
    for (const file of readdirSync(join(dir, language))) {
      const text = readFileSync(join(dir, language, file), 'utf8');
      expect(text, `${language}/${file}`).not.toMatch(/:\s*""/);
    }
  }
});
