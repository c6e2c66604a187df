#!/usr/bin/env node
/**
 * Builds the native CPU kernels (libs/backend/native) at install time, against Debian's oneDNN
 * (libdnnl-dev). Never fails the install: without a compiler or the library, ablate trains on pure
 * JavaScript, and says so, with the command that would enable the kernels.
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, dirname } = require('node:path');

const dir = join(__dirname, '..', 'libs', 'backend', 'native');
const APT = 'sudo apt-get install -y libdnnl-dev g++ make python3 && npm rebuild';

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
if (!existsSync('/usr/include/oneapi/dnnl/dnnl.hpp')) {
  console.log(`ablate: oneDNN headers not found (Debian package libdnnl-dev): native CPU kernels not built; training will use pure JavaScript. To enable them: ${APT}`);
  process.exit(0);
}
// Build against the installed Node's own headers (no download): Debian ships them in /usr/include/node.
const prefix = join(dirname(process.execPath), '..');
const nodedir = process.env.npm_config_nodedir || (existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined);
const [command, ...args] = nodeGyp();
const result = spawnSync(command, [...args, 'rebuild', '--directory', dir, ...(nodedir ? [`--nodedir=${nodedir}`] : [])], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (result.status === 0) {
  require('node:fs').rmSync(join(dir, 'build-error.log'), { force: true });
  console.log('ablate: native CPU kernels built (oneDNN).');
} else {
  const log = join(dir, 'build-error.log');
  require('node:fs').writeFileSync(log, `${result.stdout ?? ''}\n${result.stderr ?? ''}\n${result.error ?? ''}`);
  console.log(`ablate: building the native CPU kernels failed (details in ${log}); training will use pure JavaScript. To enable them: ${APT}`);
}
process.exit(0);
