import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Fault and property tests are bounded; nothing here should need longer.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
