import { UserError, UserErrors } from './errors';

describe('UserError', () => {
  it('formats as one paragraph: file:line:col, path, message, hint', () => {
    const error = new UserError('unknown key "lerning_rate".', {
      at: { file: 'experiments/a.yaml', line: 12, col: 5 },
      path: 'optimizer.lerning_rate',
      hint: 'Did you mean `lr`?',
    });
    expect(error.format()).toBe('experiments/a.yaml:12:5: optimizer.lerning_rate: unknown key "lerning_rate". Did you mean `lr`?');
  });

  it('omits the line when the source has none (a command-line option)', () => {
    expect(new UserError('bad.', { at: { file: '--set a=1', line: 0, col: 0 } }).format()).toBe('--set a=1: bad.');
  });

  it('joins several errors with blank lines', () => {
    const errors = new UserErrors([new UserError('one.'), new UserError('two.')]);
    expect(errors.format()).toBe('one.\n\ntwo.');
  });
});
