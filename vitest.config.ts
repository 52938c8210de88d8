import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Vitest's default is one worker per core less one: a single worker on these 2-core
    // machines. Unit and integration files spend much of their time waiting on child
    // processes, sockets and fsync, so two workers finish them in less time; the e2e
    // project stays one file at a time (fileParallelism: false below).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          // Tests of several portals on one PostgreSQL run in the portal-pg project only.
          exclude: ['test/integration/*-pg.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // Set-up that renders PDFs or starts a portal can pass 10 s on a loaded 2-core machine.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The portal's integration tests again, each portal on a database of its own in one
          // private PostgreSQL cluster (test/support/postgres.ts). Left out: the migration tests
          // (they open SQLite files of older versions), and, for the suite's time budget, the
          // files whose subject does not touch the database's behaviour (OpenAPI documents,
          // certificate checks, the holiday calendar, the seeded catalogue's fees).
          name: 'portal-pg',
          include: ['test/integration/portal-*.test.ts'],
          exclude: [
            'test/integration/portal-*-migration.test.ts',
            'test/integration/portal-*openapi.test.ts',
            'test/integration/portal-auth-cert.test.ts',
            'test/integration/portal-applications-appointments.test.ts',
            'test/integration/portal-applications-seed.test.ts',
          ],
          globalSetup: ['test/support/postgres.setup.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Collects every log line the suite writes and scans it for personal data when the suite ends.
          globalSetup: ['test/e2e/log-scan.setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A screen that appears in 1.2 s on a loaded 2-core machine is not a fault: wait up to
          // 10 s for what a person waits for (a poll that passes returns at once, so this costs nothing).
          expect: { poll: { timeout: 10_000 } },
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
