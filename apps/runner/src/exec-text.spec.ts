/**
 * runner:exec on a text dataset, as a process: a tiny crop of the real Jane Austen passages
 * trains Kim's sentence CNN, and the trial folder holds what applying the model to new text
 * needs: vocab.json and the saved model reproduce the trial's test accuracy outside ablate's run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@ablate/backend';
import { encodeText, readVocabFile } from '@ablate/data';
import { loadModel, tf } from '@ablate/models';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURE = 'apps/runner/fixtures/tiny/austen-tiny.yaml';

describe('runner:exec on text', () => {
  let backend: { name: string };
  beforeAll(async () => {
    // the runs and these tests on the same backend and thread count: the same sums, the same predictions
    backend = await selectBackend('native', { threads: 1 }).catch(() => selectBackend('cpu', { threads: 1 }));
  });

  it('trains on real passages, writes vocab.json, and the saved model applies to new text', async () => {
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

  it('starts a frozen embedding from a word2vec file: found words keep their vectors, vocab.json counts them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ablate-vectors-'));
    // synthetic vectors (unit-test data) for five words of the real passages, one only capitalised
    const words = ['the', 'of', 'and', 'her', 'Elizabeth', 'zzzunknown'];
    const vector = (w: number) => Array.from({ length: 8 }, (_, j) => ((w + 1) * (j - 3.5)) / 16);
    writeFileSync(join(dir, 'vectors.txt'), `${words.length} 8\n${words.map((w, i) => `${w} ${vector(i).join(' ')}`).join('\n')}\n`);
    const experiment = join(dir, 'vectors.yaml');
    writeFileSync(
      experiment,
      [
        'dataset:',
        '  type: text',
        `  path: ${join(ROOT, 'data/text/austen/train.tsv')}`,
        `  test_path: ${join(ROOT, 'data/text/austen/test.tsv')}`,
        '  length: 40',
        '  max_vocab: 500',
        '  classes: 6',
        '  vectors: { file: vectors.txt, dim: 8 }',
        'split: { type: given, val: 0.1, limit: { train: 120, val: 30, test: 60 } }',
        'model:',
        '  layers:',
        '    - { type: embedding, vocab_size: "${data.vocab_size}", dim: "${data.vectors_dim}", vectors: true, trainable: false, name: embedded }',
        '    - { type: conv1d, filters: 4, kernel: 3, activation: relu }',
        '    - { type: global_max_pool }',
        '    - { type: dense, units: "${data.classes}" }',
        'optimizer: { type: adam, lr: 0.01 }',
        'training: { epochs: 1, batch_size: 30 }',
        `results_dir: ${join(dir, 'results')}`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', experiment, '--backend', backend.name, '--threads', '1'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/word vectors: 5 of the \d+ vocabulary words found among the 6 vectors of vectors\.txt \(8-d\)/);
    const trials = join(dir, 'results', 'vectors');
    const [trial] = readdirSync(trials).filter((n) => /^[0-9a-f]{12}$/.test(n));
    const file = JSON.parse(readFileSync(join(trials, trial, 'vocab.json'), 'utf8'));
    expect(file.vectors).toEqual({ file: 'vectors.txt', dim: 8, file_words: 6, words_found: 5 });
    const vocab = readVocabFile(file);
    const model = await loadModel(join(trials, trial, 'model'));
    const table = (await model.getLayer('embedded').getWeights()[0].array()) as number[][];
    ['the', 'of', 'and', 'her', 'elizabeth'].forEach((word, i) => {
      const id = vocab.vocabulary.ids.get(word) as number;
      expect(id).toBeGreaterThan(1);
      expect(table[id]).toEqual(vector(i).map(Math.fround)); // frozen: still the file's vector after training
    });
    const other = vocab.vocabulary.ids.get('house') as number;
    expect(table[other].some((v) => v !== 0)).toBe(true); // a word without a vector keeps its N(0, 1) draw
    model.dispose();

    // a file whose vectors are not `dim` wide stops the trial with a one-paragraph error
    writeFileSync(experiment, readFileSync(experiment, 'utf8').replace('dim: 8 }', 'dim: 300 }'));
    const wrong = spawnSync(process.execPath, ['--import', 'tsx', 'apps/runner/src/main.ts', 'exec', '--experiment', experiment, '--backend', backend.name, '--threads', '1'], { cwd: ROOT, encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout + wrong.stderr).toMatch(/cannot read vectors\.txt: its vectors have 8 numbers, and `vectors\.dim` says 300/);
    expect(wrong.stdout + wrong.stderr).not.toMatch(/\n\s+at /);
  }, 120000);
});
