import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{shared,main,preload,backend,renderer}/**/*.test.{ts,tsx}',
      'test/{unit,integration,fault,lint,conformance}/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite and argon2 are CPU-heavy; two workers match the two cores.
    maxWorkers: 2,
  },
});
