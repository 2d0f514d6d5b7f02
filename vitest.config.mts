import { defineConfig } from 'vitest/config';

/**
 * Two projects: `node` (shared, electron, platform, cli, fixtures, scripts, build (the kiosk provisioning), and the renderer modules tested against
 * real local servers: `renderer/**\/*.test.ts`) and `dom` (renderer components and stores in jsdom: `*.test.tsx`).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default', ['junit', { outputFile: 'reports/vitest.xml' }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'platform/**/*.test.ts', 'cli/**/*.test.ts', 'fixtures/**/*.test.ts', 'scripts/**/*.test.ts', 'build/**/*.test.ts', 'renderer/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['renderer/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
