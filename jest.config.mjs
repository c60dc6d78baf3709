// Jest runs the project as native ES modules (NestJS 12 ships only ESM), so `npm test` starts node
// with --experimental-vm-modules. Path aliases come from tsconfig.base.json, so they cannot drift.
import { readFileSync } from 'node:fs';

const { compilerOptions } = JSON.parse(
  readFileSync(new URL('./tsconfig.base.json', import.meta.url)),
);
const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias}$`,
    `<rootDir>/${target.replace(/^\.\//, '')}`,
  ]),
);

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 60_000,
  // Two spec files at a time: the suite took 17 minutes one at a time, under 8 with two (on the
  // 2-core machines CI runs on, each spec's API shares the cores with PostgreSQL and Meilisearch).
  maxWorkers: 2,
  // A worker is recycled after every spec file. Jest links ES modules from node_modules once per
  // worker, but gives each spec file a fresh context (its own String, Date, ...); @nestjs/graphql,
  // linked in the first file's context, would then fail to recognise the second file's types.
  workerIdleMemoryLimit: '1MB',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.mjs',
      globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
    },
  ],
};
