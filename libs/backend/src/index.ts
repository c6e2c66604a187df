export { selectBackend, backendNotice, type BackendChoice } from './select-backend';
export { CANDIDATES, type ConcreteBackend } from './candidates';
