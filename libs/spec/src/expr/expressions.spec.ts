import { evaluate, ExpressionError } from './evaluate';
import { freeNames, parseExpression } from './parse';
import { parseTemplate, renderTemplate } from './template';

const run = (source: string, scope: Record<string, unknown>) => evaluate(parseExpression(source), scope);

describe('expressions', () => {
  it('evaluates arithmetic, comparisons, logic, conditionals, indexing and functions', () => {
    const scope = { vars: { w: 2, cfg: [[1, 16], [6, 24]] }, i: 0, s: 2 };
    expect(run('vars.w * 32 + 1', scope)).toBe(65);
    expect(run('i == 0 ? s : 1', scope)).toBe(2);
    expect(run('vars.cfg[1][1]', scope)).toBe(24);
    expect(run('max(3, vars.w) // 2', scope)).toBe(1);
    expect(run('2 ** 3', scope)).toBe(8);
    expect(run('!(i > 0) && true', scope)).toBe(true);
    expect(run('len(vars.cfg)', scope)).toBe(2);
  });

  it('names the undefined variable and what is defined', () => {
    expect(() => run('vars.bnn', { vars: { bn: true } })).toThrow(ExpressionError);
    try {
      run('vars.bnn', { vars: { bn: true } });
    } catch (error) {
      expect((error as ExpressionError).message).toBe('`vars` has no `bnn`.');
      expect((error as ExpressionError).hint).toBe('Did you mean `bn`? Defined: bn.');
    }
  });

  it('lists the free names of an expression', () => {
    expect([...freeNames(parseExpression('i == 0 ? s : vars.x * data.classes'))].sort()).toEqual(['data', 'i', 's', 'vars']);
  });

  it('keeps the type of a whole-string expression and joins mixed text', () => {
    const scope = { vars: { bn: false, n: 3 } };
    expect(renderTemplate(parseTemplate('${vars.bn}')!, scope)).toBe(false);
    expect(renderTemplate(parseTemplate('conv${vars.n}x${vars.n}')!, scope)).toBe('conv3x3');
    expect(parseTemplate('no expression')).toBeUndefined();
    expect(parseTemplate('price: $${x}')).toBeUndefined();
  });

});
