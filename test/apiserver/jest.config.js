// The tests against a real API server; run them with `npm run test:apiserver` (scripts/apiserver.ts),
// which starts the server and tells them where it is.
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/apiserver/**/*.apiserver.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 120000,
};
