// Nest 12 is ESM-only, so tests compile to ESM (see shared/docs/stack.md).
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

export default {
  reporters: ['default', '<rootDir>/test/summary-reporter.mjs'],
  // A global option: Jest ignores it inside a project.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
