import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{runtime,board,exercises,site}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
