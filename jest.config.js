/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', jsx: 'react-jsx', esModuleInterop: true, isolatedModules: true } }],
    // ESM-only packages (intl-messageformat and its @formatjs parts) are compiled to CommonJS for jest.
    '^.+\\.m?js$': ['ts-jest', { tsconfig: { module: 'commonjs', allowJs: true, esModuleInterop: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(intl-messageformat|@formatjs)/)'],
  moduleNameMapper: {
    '\\.(css)$': '<rootDir>/test/stubs/style.js',
  },
  reporters: ['default', '<rootDir>/test/reporter/count-reporter.js'],
};
