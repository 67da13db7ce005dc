import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    globals: true,
    environment: 'node',
    setupFiles: ['test/helpers/setup.ts'],
    pool: 'forks',
  },
});
