/**
 * Public API of the ShuffleNet runtime (browser and Node). Backends are not registered here:
 * start tfjs with `./tf-start.ts` (in a bundle, pass the wasm files' URLs, tfjs-backend-wasm's
 * `setWasmPaths`); in Node tests, `./backends-node.ts`.
 *
 * This is also `shufflenet-lab/runtime` for learner code (the grader's compartment and the
 * editor's types, site/features/editor/runtime-lib.ts), so it re-exports only files next to it:
 * tools such as the fast path (`./fast/`), the ONNX export (`./onnx/`) and quantization
 * (`./quant/`) are imported from their folders.
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
  checkWeights,
  parameterSpecs,
  randomWeights,
  readWeights,
  writeWeights,
  type ParamSpec,
  type TensorData,
  type WeightMap,
} from './weights.ts';
