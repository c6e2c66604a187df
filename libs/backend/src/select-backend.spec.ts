import { UserError } from '@ablate/spec';
import { loadBinding } from './native/binding';
import { nativeEnabled } from './native/register-native';
import { backendNotice, selectBackend } from './select-backend';

const native = loadBinding().ok;

describe('selectBackend', () => {
  it('picks the fastest available backend and says why the faster ones were skipped', async () => {
    const choice = await selectBackend('auto');
    expect(choice.name).toBe(native ? 'native' : 'cpu');
    expect(choice.reason).toMatch(/@tensorflow\/tfjs-node-gpu is not installed/);
    expect(choice.reason).toMatch(/@tensorflow\/tfjs-node is not installed/);
    expect(backendNotice(choice)).toMatch(
      native
        ? /^backend: native CPU kernels \(oneDNN\), \d+ threads? \(auto; unavailable: tensorflow-gpu \(is not installed\), tensorflow \(is not installed\)\)$/
        : /^backend: pure JavaScript \(tfjs-backend-cpu\), 1 thread \(auto; unavailable: .*native \(/,
    );
  });

  it('refuses a forced backend that is not installed, naming the fix', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(UserError);
    await expect(selectBackend('tensorflow')).rejects.toThrow(/"tensorflow" is not available: @tensorflow\/tfjs-node is not installed/);
  });

  it('forces pure JavaScript, taking the native kernels out', async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
    expect(nativeEnabled()).toBe(false);
  });
});
