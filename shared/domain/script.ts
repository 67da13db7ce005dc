// The call script is data; this module renders one line of it against what the agent has typed.
// Pure: the renderer calls it on every keystroke (P6: the read-back line fills live from the form),
// the script editor calls it for its preview and its placeholder check, the service for validation.

/** Every placeholder a script line may use, and where its value comes from. */
export const placeholders = {
  company: { source: 'setting' },
  agent: { source: 'setting' },
  'caller.name': { source: 'field', field: 'callerName' },
  'caller.phone': { source: 'field', field: 'phone' },
  'caller.region': { source: 'field', field: 'region' },
  'caller.address': { source: 'field', field: 'address' },
  subject: { source: 'field', field: 'subject' },
  wants: { source: 'field', field: 'wants' },
  nextStep: { source: 'field', field: 'nextStep' },
} as const;
export type Placeholder = keyof typeof placeholders;
export const placeholderNames = Object.keys(placeholders) as Placeholder[];

export function isPlaceholder(name: string): name is Placeholder {
  return Object.prototype.hasOwnProperty.call(placeholders, name);
}

export type Segment =
  | { kind: 'text'; text: string }
  /** a placeholder with a value: shown as the value */
  | { kind: 'value'; placeholder: Placeholder; text: string }
  /** P6: a placeholder with nothing typed yet: shown as a gap naming what to ask for */
  | { kind: 'gap'; placeholder: Placeholder }
  /** a name no placeholder has: shown as typed, marked (the editor refuses to save it) */
  | { kind: 'unknown'; text: string };

const pattern = /\{([^{}\s]{1,40})\}/g;

export type PlaceholderValues = Partial<Record<Placeholder, string>>;

export function renderLine(line: string, values: PlaceholderValues): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of line.matchAll(pattern)) {
    const at = match.index;
    if (at > last) out.push({ kind: 'text', text: line.slice(last, at) });
    const name = match[1]!;
    if (!isPlaceholder(name)) out.push({ kind: 'unknown', text: match[0] });
    else {
      const value = (values[name] ?? '').trim();
      out.push(value ? { kind: 'value', placeholder: name, text: value } : { kind: 'gap', placeholder: name });
    }
    last = at + match[0].length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

/** Plain text of a rendered line, gaps written with `gap(placeholder)`. */
export function lineText(segments: Segment[], gap: (p: Placeholder) => string = (p) => `{${p}}`): string {
  return segments.map((s) => (s.kind === 'gap' ? gap(s.placeholder) : s.text)).join('');
}

export function unknownPlaceholders(line: string): string[] {
  return [...line.matchAll(pattern)].map((m) => m[1]!).filter((n) => !isPlaceholder(n));
}

/** The values a script line can use, from the form as typed and the settings. */
export function placeholderValues(
  fields: { callerName: string; phone: string; region: string; address: string; subject: string; wants: string; nextStep: string },
  settings: { company: string; agent: string },
): PlaceholderValues {
  return {
    company: settings.company,
    agent: settings.agent,
    'caller.name': fields.callerName,
    'caller.phone': fields.phone,
    'caller.region': fields.region,
    'caller.address': fields.address,
    subject: fields.subject,
    wants: fields.wants,
    nextStep: fields.nextStep,
  };
}
