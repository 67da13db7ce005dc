// Tests run in a time zone far from UTC so that "which day / which month" bugs show up.
process.env.TZ = 'Asia/Shanghai';
// Component tests opt into jsdom with `// @vitest-environment jsdom`; this adds the DOM matchers.
import '@testing-library/jest-dom/vitest';
