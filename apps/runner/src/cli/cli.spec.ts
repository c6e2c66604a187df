/** The CLI as a user runs it: a real process, its exit code and what it prints. */
import { spawnSync } from 'node:child_process';
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
    expect(out).toMatch(/--experiment <value>/);
  });
});
