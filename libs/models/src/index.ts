export { compileModel, type CompileOptions, type CompiledModel } from './compile/compile-model';
export { formatSummary, type ModelSummary, type SummaryRow } from './summary/model-summary';
export { saveModel, loadModel } from './io/model-io';
export { findWeight } from './init/initialize-weights';
export { dilateKernel } from './custom/conv';
export { LAYERS } from './layers/register-all';
export type { Penalty, LayerImpl } from './layers/layer-impl';
export { tf, tfl, type LayersModel, type Tensor, type SymbolicTensor } from './tf';
export { formatShape, type Shape } from './shape';
