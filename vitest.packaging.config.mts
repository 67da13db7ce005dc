import { defineConfig } from 'vitest/config';

// `npm run test:packaging`: electron-builder --dir with a stand-in Electron (~20 s, needs `npm run
// build` first), kept out of the unit run, which happens before the build.
export default defineConfig({
  test: {
    include: ['test/packaging/**/*.test.ts'],
    globals: true,
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
