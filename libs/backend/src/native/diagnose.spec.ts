/** The notice names the true cause of missing native kernels, each with its own fix. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { missingForBuild, ONEDNN_HEADER, THIS_MACHINE, whyNotBuilt, whyNotLoaded, type Machine } from './diagnose';

const LOG = '/repo/libs/backend/native/build-error.log';
function machine(has: { header?: boolean; tools?: string[]; log?: string }): Machine {
  return { exists: (p) => p === ONEDNN_HEADER && has.header !== false, onPath: (c) => (has.tools ?? ['g++', 'make', 'python3']).includes(c), read: (p) => (p === LOG ? has.log : undefined) };
}

describe('why the native kernels are missing', () => {
  it('names oneDNN when its headers are missing, not the compiler', () => {
    expect(whyNotBuilt(LOG, machine({ header: false }))).toEqual({
      reason: `the native kernels are not built: oneDNN (no ${ONEDNN_HEADER}) is missing`,
      fix: 'apt-get install -y libdnnl-dev (as root, or with sudo), then npm run build:native',
    });
  });

  it('names the compiler when oneDNN is installed but g++ is not', () => {
    expect(whyNotBuilt(LOG, machine({ tools: ['python3'] }))).toEqual({
      reason: 'the native kernels are not built: the C++ toolchain (g++, make not found) is missing',
      fix: 'apt-get install -y g++ make (as root, or with sudo), then npm run build:native',
    });
    expect(missingForBuild(machine({ header: false, tools: [] })).packages).toEqual(['libdnnl-dev', 'g++', 'make', 'python3']);
  });

  it("quotes a failed build's first error when everything is installed", () => {
    const log = "gyp info it worked\nmake: Entering directory '/repo/build'\n../src/conv.cc:12:10: fatal error: dnnl.hpp: No such file or directory\ngyp ERR! stack Error: `make` failed";
    expect(whyNotBuilt(LOG, machine({ log }))).toEqual({
      reason: `building the native kernels failed: ../src/conv.cc:12:10: fatal error: dnnl.hpp: No such file or directory (the whole log: ${LOG})`,
      fix: 'fix that error, then npm run build:native',
    });
  });

  it('says the build never ran when everything is installed and no build failed', () => {
    expect(whyNotBuilt(LOG, machine({}))).toEqual({ reason: expect.stringMatching(/^the native kernels are not built \(npm ci ran before/), fix: 'npm run build:native' });
  });

  it("tells a missing oneDNN library from an addon built for another Node.js", () => {
    expect(whyNotLoaded('libdnnl.so.2: cannot open shared object file: No such file or directory')).toEqual({
      reason: "the native kernels are built but oneDNN's library is missing (libdnnl.so.2 not found)",
      fix: 'apt-get install -y libdnnl-dev (as root, or with sudo)',
    });
    const abi = "The module '/repo/ablate_native.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 127.";
    expect(whyNotLoaded(abi).fix).toBe('npm run build:native');
    expect(whyNotLoaded(abi).reason).toBe('the native kernels were built for another version of Node.js');
  });

  it('finds the tools on this PATH as the build would', () => {
    expect(THIS_MACHINE.onPath('node')).toBe(true);
    expect(THIS_MACHINE.onPath('no-such-tool-ablate')).toBe(false);
  });

  it('is what the install step says when the compiler is not on PATH (and it builds nothing)', () => {
    const run = spawnSync(process.execPath, [join(__dirname, '..', '..', '..', '..', 'tools', 'build-native.cjs')], { env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ablate: the native kernels are not built: .*the C\+\+ toolchain \(g\+\+, make, python3 not found\) is missing; training will use pure JavaScript\. To enable the native kernels: apt-get install -y .*g\+\+ make python3 \(as root, or with sudo\), then npm run build:native\.\n$/);
  });
});
