// The tests that depend on cdk8s's behaviour (rendering, its private metadata fields, its YAML), run
// against the oldest cdk8s our peer range allows (`cdk8s-oldest`, an npm alias in devDependencies);
// the main run uses the newest. `npm run test:cdk8s-oldest`.
const base = require('../package.json').jest;

module.exports = {
  ...base,
  rootDir: '..',
  moduleNameMapper: { '^cdk8s$': '<rootDir>/node_modules/cdk8s-oldest' },
  testMatch: ['object-json', 'fast-app', 'exposed-app', 'headless-group', 'production', 'brands', 'entry-points', 'service', 'config']
    .map((name) => `<rootDir>/test/${name}.test.ts`),
};
