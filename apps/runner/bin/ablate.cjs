#!/usr/bin/env node
/**
 * `ablate` on the command line (`npx ablate <command> ...`, and what the runner:* Nx targets run):
 * runs apps/runner/src/main.ts through tsx's loader, in this process, with the workspace's
 * tsconfig (its @ablate/* paths) whatever the current directory. Arguments arrive exactly as the
 * shell passed them. Workers of `exec --workers N` are started through this same file.
 */
'use strict';
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');
process.env.TSX_TSCONFIG_PATH = join(root, 'tsconfig.json');
require('tsx/cjs/api').register();
require(join(root, 'apps', 'runner', 'src', 'main.ts'));
