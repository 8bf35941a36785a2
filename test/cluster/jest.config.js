// The runtime tests on the simulated control plane; run them with `npm run test:cluster`
// (scripts/cluster.ts), which starts it and tells them where it is. The files share one cluster and
// run one after another (--runInBand).
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/cluster/**/*.cluster.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 180000,
};
