/** The CLI as a user runs it: a real process, its exit code and what it prints. */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/runner/src/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('runner CLI', () => {
  it('validates an experiment and lists its trials', () => {
    const { code, out } = cli('validate', '--experiment', 'libs/sweep/fixtures/ablation-54.yaml', '--list');
    expect(code).toBe(0);
    expect(out).toMatch(/valid: 54 trials = 2 variants x 9 grid points x 3 seeds/);
    expect(out.trim().split('\n')).toHaveLength(1 + 2 + 54);
  });

  it('prints a user mistake as one paragraph, without a stack trace, and exits 1', () => {
    const { code, out, err } = cli('validate', '--experiment', 'apps/runner/fixtures/malformed/01-key-typo.yaml');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/01-key-typo\.yaml:6:26: optimizer\.learning_rate: unknown key "learning_rate"/);
  });

  it('reports a missing experiment file', () => {
    const { code, err } = cli('validate', '--experiment', 'experiments/nope.yaml');
    expect(code).toBe(1);
    expect(err).toBe('error: the file experiments/nope.yaml does not exist. Check the path; it is relative to the current directory.\n');
  });

  it('rejects unknown options and commands with a suggestion', () => {
    expect(cli('validate', '--experiment', 'x.yaml', '--lsit').err).toMatch(/no option --lsit\. Did you mean `list`\?/);
    expect(cli('valdate').err).toMatch(/unknown command "valdate"\. Did you mean `validate`\?/);
    expect(cli('validate').err).toMatch(/`validate` needs --experiment/);
  });

  it('applies --set and reports a bad override', () => {
    const ok = cli('validate', '--experiment', 'libs/sweep/fixtures/ablation-54.yaml', '--set', 'repeats=1');
    expect(ok.out).toMatch(/18 trials/);
    const bad = cli('validate', '--experiment', 'libs/sweep/fixtures/ablation-54.yaml', '--set', 'training.epochs=0');
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('error: --set training.epochs=0: training.epochs: 0 is out of range: it must be >= 1.\n');
  });

  it('prints help', () => {
    const { code, out } = cli('exec', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^npx ablate exec \[options\]/);
    expect(out).toMatch(/--experiment <value>/);
  });

  it('prints every command with its options for --help alone (what `nx run runner:<command> --help` shows)', () => {
    const { code, out } = cli('--help');
    expect(code).toBe(0);
    for (const command of ['validate', 'exec', 'summary', 'report', 'slurm']) expect(out).toContain(`npx ablate ${command} [options]`);
    expect(out).toMatch(/--workers <value> +Run trials in N processes/);
    expect(out).not.toContain('worker [options]');
  });

  it('joins a --set value that reached it split at its spaces (Nx drops the shell quotes)', () => {
    const joined = cli('validate', '--experiment', 'experiments/quickstart.yaml', '--set', 'optimizer={type:', 'sgd,', 'lr:', '0.1}', '--set', 'training.epochs=1');
    expect(joined.err).toBe('');
    expect(joined.out).toMatch(/valid: 4 trials/);
    expect(cli('validate', '--experiment', 'experiments/quickstart.yaml', 'stray').err).toMatch(/the file experiments\/quickstart\.yaml stray does not exist/);
    expect(cli('validate', '--experiment', 'experiments/quickstart.yaml', '--list', 'stray').err).toMatch(/Unexpected argument 'stray'/);
  });

  it('runs as the `ablate` bin that npm ci links, from any directory', () => {
    const bin = join(ROOT, 'node_modules', '.bin', 'ablate');
    const result = spawnSync(bin, ['validate', '--experiment', join(ROOT, 'experiments', 'quickstart.yaml'), '--set', 'optimizer={type: sgd, lr: 0.1}'], { cwd: tmpdir(), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/valid: 4 trials/);
    expect(result.status).toBe(0);
  });
});
