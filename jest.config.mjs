// Nest 12 is ESM-only, so tests compile to ESM (see docs/stack.md).
const transform = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      useESM: true,
      tsconfig: {
        module: 'ESNext',
        moduleResolution: 'bundler',
        isolatedModules: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        target: 'ES2023',
        esModuleInterop: true,
        sourceMap: true,
      },
      diagnostics: false,
    },
  ],
};

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  testEnvironment: 'node',
};

/** The specs that matter to a newcomer run on the embedded default too (test/utils/test-env.ts). */
const ON_BOTH_TARGETS = [
  'builtin-strategies',
  'auth',
  'users',
  'credentials',
  'bots',
  'engine',
  'paper-bot',
  'backtests',
  'optimizations',
  'notifications-channels',
  'notifications-email',
  'notifications-engine',
  'notifications-webhook',
  'notifications-ssrf',
  'http',
  'health',
  'tick-lock',
  'external-signals',
  'cron',
  'migrations',
  'audit',
  'logs',
  'metrics',
  'malformed-requests',
  'request-limits',
  'money-path-scenario',
  'tick-group',
  'protections',
];

/**
 * Backtest behaviour, the candle history and `tradebotctl optimize`, which no queue or Redis
 * changes: the embedded default, a newcomer's, runs them; the scale-out lanes are spared them.
 */
const EMBEDDED_ONLY = [
  'backtests-realism',
  'backtests-lookahead',
  'candle-history',
  'optimize-cli',
];

export default {
  reporters: ['default', '<rootDir>/test/summary-reporter.mjs'],
  // A global option: Jest ignores it inside a project.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/dashboard/src/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: [
        '<rootDir>/test/embedded/',
        ...EMBEDDED_ONLY.map((name) => `<rootDir>/test/e2e/${name}\\.e2e-spec\\.ts$`),
      ],
      globals: { TRADEBOT_TEST_TARGET: 'scale-out' },
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      // The dashboard in Debian's Chromium (playwright-core), against the real app on the
      // scale-out target; the spec builds the dashboard first when its sources changed.
      ...common,
      displayName: 'browser',
      rootDir: '.',
      testMatch: ['<rootDir>/test/browser/*.browser-spec.ts'],
      globals: { TRADEBOT_TEST_TARGET: 'scale-out' },
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e-embedded',
      rootDir: '.',
      testMatch: [
        ...[...ON_BOTH_TARGETS, ...EMBEDDED_ONLY].map(
          (name) => `<rootDir>/test/e2e/${name}.e2e-spec.ts`,
        ),
        '<rootDir>/test/embedded/*.e2e-spec.ts',
      ],
      globals: { TRADEBOT_TEST_TARGET: 'embedded' },
      globalSetup: '<rootDir>/test/embedded-global-setup.ts',
      globalTeardown: '<rootDir>/test/embedded-global-teardown.ts',
    },
  ],
};
