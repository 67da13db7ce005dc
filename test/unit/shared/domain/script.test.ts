import fc from 'fast-check';
import { lineText, placeholderNames, renderLine, unknownPlaceholders } from '../../../../shared/domain/script';
import { scriptContentSchema } from '../../../../shared/schemas/script';
import { sampleScript } from '../../../helpers/samples-calls';

test('placeholders are filled from the values, missing ones become gaps that name what to ask for (P6)', () => {
  const segments = renderLine('Your number is {caller.phone}, name {caller.name}.', { 'caller.phone': '138 0013 8000', 'caller.name': '  ' });
  expect(segments).toEqual([
    { kind: 'text', text: 'Your number is ' },
    { kind: 'value', placeholder: 'caller.phone', text: '138 0013 8000' },
    { kind: 'text', text: ', name ' },
    { kind: 'gap', placeholder: 'caller.name' },
    { kind: 'text', text: '.' },
  ]);
  expect(lineText(segments, (p) => `[ask ${p}]`)).toBe('Your number is 138 0013 8000, name [ask caller.name].');
});

test('an unknown placeholder is kept visibly and reported', () => {
  expect(renderLine('Hi {caller.nmae}', {})).toEqual([
    { kind: 'text', text: 'Hi ' },
    { kind: 'unknown', text: '{caller.nmae}' },
  ]);
  expect(unknownPlaceholders('您好，这里是{company}，{公司}{subject}')).toEqual(['公司']);
});

test('rendering never loses text: without placeholders a line renders as itself', () => {
  fc.assert(
    fc.property(
      fc.string().filter((s) => !/[{}]/.test(s)),
      (line) => {
        expect(lineText(renderLine(line, {}))).toBe(line);
      },
    ),
  );
});

test('every known placeholder renders its value', () => {
  for (const name of placeholderNames) {
    expect(renderLine(`{${name}}`, { [name]: 'X' })).toEqual([{ kind: 'value', placeholder: name, text: 'X' }]);
  }
});

test('a script with an unknown placeholder or steps out of order is refused, naming where', () => {
  const bad = structuredClone(sampleScript);
  bad.steps[2]!.lines = ['Your number is {caller.phon}'];
  const result = scriptContentSchema.safeParse(bad);
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['steps.2.lines.0', 'unknown placeholder {caller.phon}']]);
  const swapped = structuredClone(sampleScript);
  [swapped.steps[0], swapped.steps[1]] = [swapped.steps[1]!, swapped.steps[0]!];
  expect(scriptContentSchema.safeParse(swapped).success).toBe(false);
});
