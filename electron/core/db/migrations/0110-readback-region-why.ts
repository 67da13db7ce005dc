// P6: the read-back step reads back where the caller is from and why they call, not only number,
// name, address and subject. A new version of each shipped default script (scripts are versioned;
// calls keep the version they were read from). A team that already edited its script keeps its
// own wording: the new version is added only when the shipped version 1 is still the latest.
const readback = {
  'zh-CN': {
    from: '01930000-0000-7000-8000-000000000001',
    id: '01930000-0000-7000-8000-000000000110',
    line: '跟您确认一下：您的电话是{caller.phone}，您是{caller.name}，在{caller.region}，地址是{caller.address}，您咨询的是{subject}，想要{wants}，对吗？',
  },
  en: {
    from: '01930000-0000-7000-8000-000000000002',
    id: '01930000-0000-7000-8000-000000000111',
    line: 'Let me read that back: your number is {caller.phone}, your name is {caller.name}, you are in {caller.region}, your address is {caller.address}, you are calling about {subject}, and you would like {wants}. Is that right?',
  },
} as const;

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export const sql = Object.entries(readback)
  .map(
    ([language, r]) => /* sql */ `
INSERT INTO script_versions (id, language, version, content, created_at, created_by)
SELECT ${q(r.id)}, language, 2, json_replace(content, '$.steps[2].lines', json_array(${q(r.line)})), '2026-12-05T00:00:00.000Z', ''
  FROM script_versions
 WHERE id = ${q(r.from)}
   AND json_extract(content, '$.steps[2].key') = 'readback'
   AND NOT EXISTS (SELECT 1 FROM script_versions WHERE language = ${q(language)} AND version > 1);`,
  )
  .join('\n');
