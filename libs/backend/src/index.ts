export { selectBackend, backendNotice, type BackendChoice } from './select-backend';
export { CANDIDATES, type ConcreteBackend } from './candidates';
export { loadBinding, ADDON_PATH, type NativeBinding } from './native/binding';
export { enableNative, disableNative, nativeEnabled, NATIVE_KERNELS } from './native/register-native';
