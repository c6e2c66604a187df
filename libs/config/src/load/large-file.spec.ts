/**
 * Loading must stay linear in the size of the experiment: a multi-MB file (a huge `vars:` map, a
 * long list) is loaded, validated, and rejected when it has a mistake, in seconds. Every step that
 * walks the document (merging `extends`, positions, the checks) was once quadratic here.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { UserError, UserErrors } from '@ablate/spec';
import { validateExperiment } from '../validate/validate-experiment';
import { loadExperiment } from './load-experiment';
import { BIG_EXPERIMENT_BASE, bigExperiment } from '../testing/big-experiment';

function seconds(fn: () => void): number {
  const started = performance.now();
  fn();
  return (performance.now() - started) / 1000;
}

describe('a multi-MB experiment file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-large-'));
  const text = bigExperiment(2_000_000);
  writeFileSync(join(dir, 'base.yaml'), BIG_EXPERIMENT_BASE);
  writeFileSync(join(dir, 'big.yaml'), text);
  const typoLine = text.split('\n').length;
  writeFileSync(join(dir, 'typo.yaml'), `${text}trainin: { epochs: 2 }\n`);
  // What the YAML parser alone takes on this machine: loading may cost a few times that, not more.
  const parserOnly = seconds(() => parseDocument(text, { uniqueKeys: false }));

  it('is about 2 MB', () => {
    expect(text.length).toBeGreaterThan(1_980_000);
  });

  it('is loaded and validated in linear time', () => {
    let vars: Record<string, unknown> = {};
    const took = seconds(() => {
      vars = (validateExperiment(loadExperiment(join(dir, 'big.yaml'), { cwd: dir })).vars ?? {}) as Record<string, unknown>;
    });
    expect(Object.keys(vars).length).toBeGreaterThan(50_000);
    expect(took).toBeLessThan(Math.min(60, 4 * parserOnly + 2));
  }, 120_000);

  it('is rejected with the line of its mistake in linear time', () => {
    let error: unknown;
    const took = seconds(() => {
      try {
        validateExperiment(loadExperiment(join(dir, 'typo.yaml'), { cwd: dir }));
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(UserError);
    expect(error).not.toBeInstanceOf(UserErrors);
    expect((error as UserError).format()).toMatch(new RegExp(`^typo.yaml:${typoLine}:1: trainin: unknown key "trainin". Did you mean \`training\`\\?`));
    expect(took).toBeLessThan(Math.min(60, 4 * parserOnly + 2));
  }, 120_000);
});

describe('a multi-MB experiment file with a YAML mistake at its end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-large-'));
  const text = `${bigExperiment(2_000_000)}training: { epochs: 1 }\ntraining: { epochs: 2 }\n`;
  writeFileSync(join(dir, 'base.yaml'), BIG_EXPERIMENT_BASE);
  writeFileSync(join(dir, 'twice.yaml'), text);
  const parserOnly = seconds(() => parseDocument(text, { uniqueKeys: false }));

  it('is read by the full YAML path, which reports the mistake at its line, in linear time', () => {
    let error: unknown;
    const took = seconds(() => {
      try {
        loadExperiment(join(dir, 'twice.yaml'), { cwd: dir });
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).format()).toMatch(new RegExp(`^twice.yaml:${text.split('\n').length - 1}:1: .*duplicate key: "training"`));
    expect(took).toBeLessThan(Math.min(60, 4 * parserOnly + 2));
  }, 120_000);
});
