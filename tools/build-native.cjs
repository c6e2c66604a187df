#!/usr/bin/env node
/**
 * Builds the native CPU kernels (libs/backend/native) at install time, against Debian's oneDNN
 * (libdnnl-dev). Never fails the install: without a compiler or the library, ablate trains on pure
 * JavaScript, and says so: what is missing (oneDNN, the compiler) or why the build failed, with the
 * command that would enable the kernels. The diagnosis is libs/backend's, the one the backend
 * notice gives at run time.
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, dirname } = require('node:path');

const dir = join(__dirname, '..', 'libs', 'backend', 'native');
const LOG = join(dir, 'build-error.log');

/** libs/backend's diagnosis (TypeScript, through tsx); undefined when tsx is not installed (npm ci --omit=dev). */
function diagnosis() {
  try {
    require('tsx/cjs/api').register();
    return require('../libs/backend/src/native/diagnose.ts');
  } catch {
    return undefined;
  }
}

function nodeGyp() {
  // npm puts its own node-gyp on PATH for lifecycle scripts and names it in npm_config_node_gyp.
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return [process.execPath, process.env.npm_config_node_gyp];
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(bundled)) return [process.execPath, bundled];
  return ['node-gyp'];
}

if (process.env.ABLATE_SKIP_NATIVE) {
  console.log('ablate: ABLATE_SKIP_NATIVE is set: native CPU kernels not built (training uses pure JavaScript).');
  process.exit(0);
}
const diagnose = diagnosis();
const say = (problem) => console.log(`ablate: ${problem.reason}; training will use pure JavaScript. To enable the native kernels: ${problem.fix}.`);
if (diagnose && diagnose.missingForBuild().packages.length > 0) {
  require('node:fs').rmSync(LOG, { force: true });
  say(diagnose.whyNotBuilt(LOG));
  process.exit(0);
}
// Build against the installed Node's own headers (no download): Debian ships them in /usr/include/node.
const prefix = join(dirname(process.execPath), '..');
const nodedir = process.env.npm_config_nodedir || (existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined);
const [command, ...args] = nodeGyp();
// configure + build, not rebuild: rebuild deletes build/ first, and for the minute the compiler
// takes, processes starting meanwhile find no addon and train on pure JavaScript (a study did).
// The linker writes the new addon under a new inode and make links it into build/Release: a
// running process keeps the one it loaded, a new one gets the old or the new, never none.
const gyp = (step) => spawnSync(command, [...args, step, '--directory', dir, ...(nodedir ? [`--nodedir=${nodedir}`] : [])], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
const configured = gyp('configure');
const result = configured.status === 0 ? gyp('build') : configured;
if (result.status === 0) {
  require('node:fs').rmSync(LOG, { force: true });
  console.log('ablate: native CPU kernels built (oneDNN).');
} else {
  require('node:fs').writeFileSync(LOG, `${result.stdout ?? ''}\n${result.stderr ?? ''}\n${result.error ?? ''}`);
  if (diagnose) say(diagnose.whyNotBuilt(LOG));
  else console.log(`ablate: building the native CPU kernels failed (details in ${LOG}); training will use pure JavaScript.`);
}
process.exit(0);
