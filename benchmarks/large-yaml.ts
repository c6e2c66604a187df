/**
 * Benchmark: loading a 5 MB experiment (a map of 137,000 variables, a list of 153,000 numbers and
 * 76,000 expressions, over a base file), as `runner:validate` does: read, parse with positions,
 * merge `extends`, check and validate against the schema; and rejecting the same file with a typo
 * at its end (`trainin:`, an unknown key reported at its line). Each in a fresh process, timed
 * from after the imports (the CLI's start-up, about 2 s here, is the same for every experiment),
 * alternated over `--rounds` rounds (default 5) with the baseline, js-yaml's bare parse of the same
 * text without positions or checks. Prints min/median/max of:
 *   yaml_5mb_load_ms     load + validate (goal: under 3000)
 *   yaml_5mb_reject_ms   load + validate until the typo's error
 *   bare_parse_ms        the baseline
 *   load_vs_bare_ratio   load / bare parse, round by round
 *   npx nx run bench:yaml [--rounds 5]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BIG_EXPERIMENT_BASE, bigExperiment } from '../libs/config/src/testing/big-experiment';
import { alternate, median, ratios, roundsOf, spread } from './protocol';

const ROOT = resolve(__dirname, '..');
const { values: opts } = parseArgs({ options: { rounds: { type: 'string' } } });

const dir = mkdtempSync(join(tmpdir(), 'ablate-bench-yaml-'));
const text = bigExperiment(5_000_000);
writeFileSync(join(dir, 'base.yaml'), BIG_EXPERIMENT_BASE);
writeFileSync(join(dir, 'big.yaml'), text);
writeFileSync(join(dir, 'typo.yaml'), `${text}trainin: { epochs: 2 }\n`);

/** Milliseconds `body` takes in a fresh process, after its imports. */
function inFreshProcess(imports: string, body: string): number {
  const script = `${imports}\nconst t0 = performance.now();\n${body}\nprocess.stdout.write(String(performance.now() - t0));`;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
}

const LOAD = `const { loadExperiment, validateExperiment } = require('@ablate/config');`;
const load = () => inFreshProcess(LOAD, `validateExperiment(loadExperiment(${JSON.stringify(join(dir, 'big.yaml'))}, { cwd: ${JSON.stringify(dir)} }));`);
const reject = () =>
  inFreshProcess(
    `${LOAD}\nconst { UserError } = require('@ablate/spec');`,
    `try { validateExperiment(loadExperiment(${JSON.stringify(join(dir, 'typo.yaml'))}, { cwd: ${JSON.stringify(dir)} })); throw new Error('the typo was not reported'); }
     catch (e) { if (!(e instanceof UserError) || !/trainin/.test(e.message)) throw e; }`,
  );
const bare = () => inFreshProcess(`const { load } = require('js-yaml'); const { readFileSync } = require('node:fs');`, `load(readFileSync(${JSON.stringify(join(dir, 'big.yaml'))}, 'utf8'));`);

try {
  console.log(`file: ${(text.length / 1e6).toFixed(2)} MB, ${text.split('\n').length} lines`);
  const rounds = roundsOf(opts.rounds);
  const loads = alternate(rounds, load, bare);
  const rejects = Array.from({ length: rounds }, reject);
  console.log(`yaml_5mb_load_ms ${spread(loads.a, 0)}${median(loads.a) < 3000 ? '' : '  (goal: under 3000, not met)'}`);
  console.log(`yaml_5mb_reject_ms ${spread(rejects, 0)}`);
  console.log(`bare_parse_ms ${spread(loads.b, 0)}`);
  console.log(`load_vs_bare_ratio ${spread(ratios(loads.a, loads.b), 2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
