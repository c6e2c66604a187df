import { UserError } from '@ablate/spec';
import { backendNotice, selectBackend } from './select-backend';

describe('selectBackend', () => {
  it('falls back to pure JavaScript and says why the faster ones were skipped', async () => {
    const choice = await selectBackend('auto');
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toMatch(/@tensorflow\/tfjs-node-gpu is not installed/);
    expect(choice.reason).toMatch(/@tensorflow\/tfjs-node is not installed/);
    expect(backendNotice(choice)).toBe('backend: pure JavaScript (tfjs-backend-cpu), 1 thread (auto; unavailable: tensorflow-gpu (is not installed), tensorflow (is not installed), native (the native kernels are not built in this version))');
  });

  it('refuses a forced backend that is not installed, naming the fix', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(UserError);
    await expect(selectBackend('tensorflow')).rejects.toThrow(/"tensorflow" is not available: @tensorflow\/tfjs-node is not installed/);
  });

  it('forces pure JavaScript', async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
  });
});
