#!/usr/bin/env node
import { releaseBackend } from '@ablate/backend';
import { runCli } from './cli/run-cli';

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  // Frees the GPU device (webgpu), if one was started, so that the process ends by itself.
  releaseBackend();
  process.exitCode = code;
});
