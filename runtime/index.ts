/**
 * Public API of the ShuffleNet runtime (browser and Node). Backends are not registered here:
 * start tfjs with `./tf-start.ts` (in a bundle, pass the wasm files' URLs, tfjs-backend-wasm's
 * `setWasmPaths`); in Node tests, `./backends-node.ts`.
 */
export {
  buildArch,
  windowOutput,
  type Arch,
  type ArchConfig,
  type ArchOptions,
  type Layout,
  type Op,
  type Stem,
  type UnitOp,
  type Version,
} from './arch.ts';
export { costOf, formatCostTable, type CostReport, type CostRow } from './cost.ts';
export {
  createShuffleNet,
  compileOps,
  type CompiledOps,
  type GroupConvChoice,
  type ShuffleNet,
  type ShuffleNetOptions,
} from './model.ts';
export {
  avgPool2d,
  batchNorm,
  blockDiagonalFilter,
  channelShuffle,
  conv2d,
  foldBatchNorm,
  groupConvMethodFor,
  maxPool2d,
  splitEvenOdd,
  type GroupConvMethod,
} from './ops.ts';
export {
  compileFast,
  createFastShuffleNet,
  type FastOptions,
  type FastShuffleNet,
} from './fast/fast-model.ts';
export { exportOnnx, exportOnnxFrom, type Exportable } from './onnx/export.ts';
export {
  checkWeights,
  parameterSpecs,
  randomWeights,
  readWeights,
  writeWeights,
  type ParamSpec,
  type TensorData,
  type WeightMap,
} from './weights.ts';
