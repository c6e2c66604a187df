/**
 * runner:exec on a text dataset, as a process: a tiny crop of the real Jane Austen passages
 * trains Kim's sentence CNN, and the trial folder holds what applying the model to new text
 * needs: vocab.json and the saved model reproduce the trial's test accuracy outside ablate's run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { encodeText, readVocabFile } from '@ablate/data';
import { loadModel, tf } from '@ablate/models';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = 'apps/runner/fixtures/tiny/austen-tiny.yaml';

describe('runner:exec on text', () => {
  it('trains on real passages, writes vocab.json, and the saved model applies to new text', async () => {
    // the run and this test on the same backend and thread count: the same sums, the same predictions
    const backend = await selectBackend('native', { threads: 1 }).catch(() => selectBackend('cpu', { threads: 1 }));
    const results = mkdtempSync(join(tmpdir(), 'ablate-text-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', FIXTURE, '--set', `results_dir=${results}`, '--backend', backend.name, '--threads', '1'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/data: 120 train, 30 validation, 600 test examples of shape \[40\], 6 classes/);
    expect(run.stdout).toMatch(/vocabulary: \d+ words from the 120 training texts \(min_count 1, max_vocab 500\)/);
    expect(run.stdout).toMatch(/1 trial\(s\) done, 0 failed/);

    const dir = join(results, 'austen-tiny');
    const [trial] = readdirSync(dir).filter((n) => /^[0-9a-f]{12}$/.test(n));
    const vocab = readVocabFile(JSON.parse(readFileSync(join(dir, trial, 'vocab.json'), 'utf8')));
    expect(vocab.classes).toEqual(['emma', 'mansfield_park', 'northanger_abbey', 'persuasion', 'pride_prejudice', 'sense_sensibility']);
    expect(vocab.vocabulary.size).toBe(502);
    expect(readFileSync(join(dir, trial, 'summary.txt'), 'utf8')).toMatch(/embedded +embedding +\[40, 100\] +50,200/);

    // the test table, encoded by vocab.json and classified by the saved model, gives the trial's
    // accuracy (measured: the same count; a near tie may flip with another batch size)
    const rows = readFileSync(join(ROOT, 'data', 'text', 'austen', 'test.tsv'), 'utf8').split('\n').slice(1, -1).map((r) => r.split('\t'));
    const ids = rows.map(([, , , text]) => Array.from(encodeText(text, vocab)));
    const model = await loadModel(join(dir, trial, 'model'));
    const predicted = tf.tidy(() => Array.from(tf.argMax(model.predict(tf.tensor2d(ids, [ids.length, 40], 'int32')) as tf.Tensor, -1).dataSync()));
    const correct = predicted.filter((k, i) => vocab.classes[k] === rows[i][0]).length;
    const metrics = JSON.parse(readFileSync(join(dir, trial, 'metrics.json'), 'utf8'));
    expect(Math.abs(correct / rows.length - metrics.test.oa)).toBeLessThanOrEqual(2 / rows.length);
    model.dispose();
  }, 120000);
});
