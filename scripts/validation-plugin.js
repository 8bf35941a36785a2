// The repository's own cdk8s.yaml runs this library's validation plugin (ManifestValidation) on the
// examples at every `cdk8s synth`. The CLI loads a plugin with plain Node.js, so this file registers
// tsx and hands over the plugin from the sources; apps that install the package name it directly.
require('tsx/cjs');
module.exports = require('../lib/manifest-validation.ts');
