/** Jest: TypeScript through @swc/jest (type checking is `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The real-component suites run apart: npm run test:real (jest.real.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/real/'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // Examples import the public API by package name, exactly as a user's app does.
  moduleNameMapper: { '^cdk8s-headlamp$': '<rootDir>/lib/index.ts' },
  globalSetup: '<rootDir>/test/global-setup.js',
  // Jest's default is one worker fewer than the cores: on a 2-core machine that is one, and the suite runs in band.
  // Both cores halve the wall time when the machine is idle.
  maxWorkers: '100%',
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
