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

const BASE = `dataset: { type: fashion_mnist }
model:
  layers:
    - { type: flatten }
    - { type: dense, units: "\${data.classes}" }
optimizer: { type: adam, lr: "\${vars.lr}" }
training: { epochs: 1, batch_size: 32 }
vars:
  lr: 0.001
`;

/** About `megabytes` MB: a map of variables, a long list and many expressions that read them. */
function bigExperiment(megabytes: number): string {
  const keys = Math.round((megabytes * 1024 * 1024 * 0.4) / 14);
  const items = Math.round((megabytes * 1024 * 1024 * 0.4) / 12);
  const parts = ['extends: ./base.yaml\nvars:\n'];
  for (let i = 0; i < keys; i++) parts.push(`  v${i}: ${i}\n`);
  parts.push('  table:\n');
  for (let i = 0; i < items; i++) parts.push(`    - ${i * 0.5}\n`);
  parts.push('  labels: [');
  for (let i = 0; i < items / 2; i++) parts.push(`"\${vars.v${i % keys}}", `);
  parts.push('"end"]\n');
  return parts.join('');
}

function seconds(fn: () => void): number {
  const started = performance.now();
  fn();
  return (performance.now() - started) / 1000;
}

describe('a multi-MB experiment file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ablate-large-'));
  const text = bigExperiment(2);
  writeFileSync(join(dir, 'base.yaml'), BASE);
  writeFileSync(join(dir, 'big.yaml'), text);
  const typoLine = text.split('\n').length;
  writeFileSync(join(dir, 'typo.yaml'), `${text}trainin: { epochs: 2 }\n`);
  // What the YAML parser alone takes on this machine: loading may cost a few times that, not more.
  const parserOnly = seconds(() => parseDocument(text, { uniqueKeys: false }));

  it('is at least 2 MB', () => {
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
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
