import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{runtime,board,exercises,site,tests/structure}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
