/**
 * Converts a picture (a drawing from the canvas or an uploaded photo, as RGBA pixels) into a
 * 28x28 grayscale image that looks like a Fashion-MNIST image, so the trained model sees what it
 * was trained on. Pure: pixel arrays in, pixel arrays out, no DOM.
 *
 * The steps follow the conversion Xiao, Rasul and Vollgraf describe for Fashion-MNIST
 * ("Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning Algorithms",
 * arXiv:1708.07747, Section 2): trim the edges that have the colour of the corners, resize so
 * that the longest edge is 28 pixels, extend the shortest edge to 28 with the object centred,
 * negate the intensities (the product photos are dark-on-white; the dataset is light-on-black)
 * and convert to 8-bit grayscale. Their sharpening step is left out: at 28x28 it changes little
 * and a hand drawing has hard edges already.
 */

export const FASHION_SIZE = 28;

/**
 * A pixel belongs to the object when it differs from the background by more than this share of
 * the full range (the paper trims with a 5% distance to the corner colour).
 */
const TRIM_THRESHOLD = 0.05;

export interface Rgba {
  width: number;
  height: number;
  /** width * height * 4 bytes, row-major RGBA (what `ImageData.data` holds). */
  data: ArrayLike<number>;
}

export interface Converted {
  /** 28 * 28 bytes, row-major, 0 = background, 255 = brightest object pixel. */
  pixels: Uint8Array;
  /** Whether the intensities were negated (the background was light). */
  inverted: boolean;
  /** The object's bounding box in the input, in input pixels. */
  box: { x: number; y: number; width: number; height: number };
}

/** Luma (ITU-R BT.601 weights), with transparent pixels composited over white. */
export function toGray(image: Rgba): Float32Array {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`image size ${width}x${height} is not a positive whole number of pixels`);
  }
  if (data.length !== width * height * 4) {
    throw new Error(
      `${data.length} bytes for a ${width}x${height} RGBA image; expected ${width * height * 4}`,
    );
  }
  const gray = new Float32Array(width * height);
  for (let p = 0; p < gray.length; p++) {
    const luma = 0.299 * data[4 * p]! + 0.587 * data[4 * p + 1]! + 0.114 * data[4 * p + 2]!;
    const alpha = data[4 * p + 3]! / 255;
    gray[p] = alpha * luma + (1 - alpha) * 255;
  }
  return gray;
}

/**
 * Resamples `src` (w x h) to `outW` x `outH` by area averaging: each output pixel is the mean of
 * the input area it covers, weighted by overlap, so thin strokes fade instead of vanishing as
 * they would with nearest-neighbour subsampling.
 */
function resizeArea(
  src: Float32Array,
  w: number,
  h: number,
  outW: number,
  outH: number,
): Float32Array {
  const out = new Float32Array(outW * outH);
  const sx = w / outW;
  const sy = h / outH;
  for (let oy = 0; oy < outH; oy++) {
    const y0 = oy * sy;
    const y1 = y0 + sy;
    for (let ox = 0; ox < outW; ox++) {
      const x0 = ox * sx;
      const x1 = x0 + sx;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(y0); y < Math.min(h, Math.ceil(y1)); y++) {
        const wy = Math.min(y1, y + 1) - Math.max(y0, y);
        for (let x = Math.floor(x0); x < Math.min(w, Math.ceil(x1)); x++) {
          const wx = Math.min(x1, x + 1) - Math.max(x0, x);
          sum += wx * wy * src[y * w + x]!;
          area += wx * wy;
        }
      }
      out[oy * outW + ox] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}

/**
 * The Fashion-MNIST-style 28x28 image of `image`, or null when the picture is blank (nothing
 * differs from the background by more than the trim threshold).
 */
export function toFashionMnist(image: Rgba): Converted | null {
  const { width, height } = image;
  const gray = toGray(image);
  const corners = [0, width - 1, (height - 1) * width, height * width - 1].map((i) => gray[i]!);
  const background = corners.reduce((a, b) => a + b, 0) / corners.length;
  // Fashion-MNIST objects are light on black; a light background means a dark-on-light picture.
  const inverted = background > 127.5;
  const v = inverted ? gray.map((g) => 255 - g) : gray;
  const bg = inverted ? 255 - background : background;

  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  let peak = bg;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = v[y * width + x]!;
      if (Math.abs(value - bg) <= TRIM_THRESHOLD * 255) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      peak = Math.max(peak, value);
    }
  }
  if (maxX < 0) return null;

  const boxW = maxX - minX + 1;
  const boxH = maxY - minY + 1;
  const crop = new Float32Array(boxW * boxH);
  for (let y = 0; y < boxH; y++) {
    for (let x = 0; x < boxW; x++) crop[y * boxW + x] = v[(minY + y) * width + minX + x]!;
  }
  // Longest edge to 28, the other in proportion (at least one pixel).
  const scale = FASHION_SIZE / Math.max(boxW, boxH);
  const outW = Math.max(1, Math.min(FASHION_SIZE, Math.round(boxW * scale)));
  const outH = Math.max(1, Math.min(FASHION_SIZE, Math.round(boxH * scale)));
  const resized = resizeArea(crop, boxW, boxH, outW, outH);

  // Centred by the box, the background mapped to 0 and the brightest pixel to 255, as in the
  // dataset (the background of a photo is rarely pure white).
  const pixels = new Uint8Array(FASHION_SIZE * FASHION_SIZE);
  const left = Math.floor((FASHION_SIZE - outW) / 2);
  const top = Math.floor((FASHION_SIZE - outH) / 2);
  const range = Math.max(1, peak - bg);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const value = ((resized[y * outW + x]! - bg) / range) * 255;
      pixels[(top + y) * FASHION_SIZE + left + x] = Math.round(Math.min(255, Math.max(0, value)));
    }
  }
  return { pixels, inverted, box: { x: minX, y: minY, width: boxW, height: boxH } };
}
