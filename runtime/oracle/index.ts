/**
 * The test oracle: an independent, loop-based float32 reference for every ShuffleNet operation
 * and network this project runs. It reads PyTorch state_dicts by name and never imports the
 * architecture description, so a mistake there cannot hide in both sides of a comparison.
 */
export type { OracleTensor } from './tensor.ts';
export { tensor, zeros, sizeOf } from './tensor.ts';
export { conv2d, type ConvOptions } from './conv.ts';
export { batchNorm, relu, add, type BatchNormParams } from './elementwise.ts';
export { maxPool2d, avgPool2d, globalAvgPool } from './pool.ts';
export { linear } from './linear.ts';
export {
  channelShuffle,
  megviiV1ChannelShuffle,
  concatChannels,
  splitHalves,
  splitEvenOdd,
} from './channels.ts';
export type { OracleWeights, StemOptions } from './layers.ts';
export { oracleV2UnitTorchvision, oracleShuffleNetV2Torchvision } from './v2-torchvision.ts';
export { oracleV2UnitPaper, oracleShuffleNetV2Paper } from './v2-paper.ts';
export { oracleV1Unit, oracleShuffleNetV1, type V1Layout, type V1Options } from './v1.ts';
