/**
 * The Fashion-MNIST ShuffleNet: ShuffleNet V2 0.5x ([V2] Table 5) adapted to 28x28x1 inputs.
 *
 * Adaptation (everything else is torchvision's layout, so the weights load in PyTorch):
 * - input 28x28x1 (grayscale), 10 classes;
 * - stem: the 3x3 convolution keeps stride 1 and the max pool is dropped. At 224x224 the stem
 *   divides the resolution by 4 before stage 2; at 28x28 that would leave stage 4 at 1x1.
 *   Without it the stages run at 14x14, 7x7 and 4x4 (the stride-2 unit of each stage halves the
 *   size; 7 -> 4 with PyTorch's floor((7 + 2 - 3) / 2) + 1);
 * - width 0.5: stage channels 48, 96, 192 and conv5 1024, 351,610 parameters and 9.04 MMACs per
 *   image (runtime/cost.ts), under the 500k budget.
 *
 * Input scaling: pixel / 255, so 0 is the background and the zero padding of the convolutions
 * and of the random crops is background too. No mean/std normalisation: the BatchNorm after the
 * stem convolution absorbs it. Pages running the model must scale the same way.
 */
import type { ArchOptions } from '../arch.ts';

export const FASHION_ARCH: ArchOptions = {
  version: 'v2',
  width: 0.5,
  layout: 'torchvision',
  inputShape: [28, 28, 1],
  numClasses: 10,
  stem: { convStride: 1, maxPool: false },
};

/** The trained model's files in models/ (weights: PyTorch names and layouts). */
export const WEIGHTS_FILE = 'fashion-shufflenet-v2.safetensors';
export const METRICS_FILE = 'fashion-shufflenet-v2.json';

export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

/** Images [count, 28, 28] uint8 -> NHWC float32 in [0, 1]. */
export function scalePixels(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i]! / 255;
  return out;
}

export interface Augmentation {
  /** Zero padding on every side before a random 28x28 crop (0 = no crop). */
  cropPad: number;
  /** Mirror left-right with probability 1/2 (clothes are roughly symmetric). */
  flip: boolean;
}

export const LIGHT_AUGMENTATION: Augmentation = { cropPad: 2, flip: true };
export const NO_AUGMENTATION: Augmentation = { cropPad: 0, flip: false };

/**
 * Copies images `indices` of `pixels` into a float batch [B, 28, 28] scaled to [0, 1], each
 * randomly shifted by up to `cropPad` pixels (a crop of the zero-padded image, as torchvision's
 * RandomCrop(28, padding)) and mirrored. Draws exactly 3 numbers per image from `rand`.
 */
export function augmentedBatch(
  pixels: Uint8Array,
  indices: ArrayLike<number>,
  augmentation: Augmentation,
  rand: () => number,
): Float32Array {
  const out = new Float32Array(indices.length * PIXELS);
  const span = 2 * augmentation.cropPad + 1;
  for (let b = 0; b < indices.length; b++) {
    const dy = Math.floor(rand() * span) - augmentation.cropPad;
    const dx = Math.floor(rand() * span) - augmentation.cropPad;
    const coin = rand(); // drawn even without flips: the stream stays aligned
    const flip = augmentation.flip && coin < 0.5;
    const src = indices[b]! * PIXELS;
    const dst = b * PIXELS;
    for (let y = 0; y < IMAGE_SIZE; y++) {
      const sy = y + dy;
      if (sy < 0 || sy >= IMAGE_SIZE) continue; // padding rows stay 0
      for (let x = 0; x < IMAGE_SIZE; x++) {
        const sx = (flip ? IMAGE_SIZE - 1 - x : x) + dx;
        if (sx < 0 || sx >= IMAGE_SIZE) continue;
        out[dst + y * IMAGE_SIZE + x] = pixels[src + sy * IMAGE_SIZE + sx]! / 255;
      }
    }
  }
  return out;
}
