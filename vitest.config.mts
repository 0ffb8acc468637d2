import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'preload/**/*.test.ts', 'renderer/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // ffmpeg and SQLite files per test: two workers suit a 2-core machine.
    maxWorkers: 2,
    env: { INTERVIEW_RECORDER_QUIET: '1' },
  },
});
