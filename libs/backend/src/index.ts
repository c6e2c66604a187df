export { selectBackend, backendNotice, releaseBackend, type BackendChoice } from './select-backend';
export { CANDIDATES } from './candidates';
export type { ConcreteBackend } from './candidate';
export { webGpuFailure } from './webgpu/session';
export { probeWebGpu } from './webgpu/webgpu-candidate';
export { loadBinding, ADDON_PATH, type NativeBinding } from './native/binding';
export { enableNative, disableNative, nativeEnabled, NATIVE_KERNELS } from './native/register-native';
export { OPTIMIZER_STEP, RULES as OPTIMIZER_RULES } from './native/optimizer-kernels';
