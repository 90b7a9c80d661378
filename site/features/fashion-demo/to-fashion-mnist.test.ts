import { describe, expect, it } from 'vitest';
import { FASHION_SIZE, toFashionMnist, toGray, type Rgba } from './to-fashion-mnist.ts';

/** A w x h RGBA image filled with `back`, with the rectangle [x0, x1) x [y0, y1) set to `fore`. */
function picture(
  w: number,
  h: number,
  back: number,
  fore: number,
  rect: [number, number, number, number],
): Rgba {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const inside = x >= rect[0] && x < rect[1] && y >= rect[2] && y < rect[3];
      const g = inside ? fore : back;
      data.set([g, g, g, 255], (y * w + x) * 4);
    }
  }
  return { width: w, height: h, data };
}

const at = (pixels: Uint8Array, x: number, y: number) => pixels[y * FASHION_SIZE + x]!;

describe('toFashionMnist', () => {
  it('inverts a dark drawing on white, crops it and fills the longest edge', () => {
    // A black bar 40 wide and 100 tall at (50..90, 20..120) on a 200x200 white canvas.
    const out = toFashionMnist(picture(200, 200, 255, 0, [50, 90, 20, 120]))!;
    expect(out.inverted).toBe(true);
    expect(out.box).toEqual({ x: 50, y: 20, width: 40, height: 100 });
    expect(out.pixels).toHaveLength(FASHION_SIZE * FASHION_SIZE);
    // 100 tall -> 28 rows; 40 wide -> round(11.2) = 11 columns, centred: columns 8..18.
    for (let y = 0; y < FASHION_SIZE; y++) {
      expect(at(out.pixels, 13, y)).toBe(255);
      expect(at(out.pixels, 7, y)).toBe(0);
      expect(at(out.pixels, 8, y)).toBe(255);
      expect(at(out.pixels, 18, y)).toBe(255);
      expect(at(out.pixels, 19, y)).toBe(0);
    }
  });

  it('keeps a light object on a dark background without inverting', () => {
    const out = toFashionMnist(picture(56, 56, 0, 200, [0, 56, 14, 42]))!;
    expect(out.inverted).toBe(false);
    // Full width -> 28 columns, half height -> 14 rows centred (rows 7..20), stretched to 255.
    expect(at(out.pixels, 0, 7)).toBe(255);
    expect(at(out.pixels, 27, 20)).toBe(255);
    expect(at(out.pixels, 5, 6)).toBe(0);
    expect(at(out.pixels, 5, 21)).toBe(0);
  });

  it('maps a grey photo background to 0', () => {
    const out = toFashionMnist(picture(100, 100, 200, 20, [30, 70, 30, 50]))!;
    expect(out.inverted).toBe(true);
    expect(Math.min(...out.pixels)).toBe(0);
    expect(Math.max(...out.pixels)).toBe(255);
  });

  it('area-averages thin strokes so they fade rather than vanish', () => {
    // A 1-pixel vertical line in a 280-tall picture: 10x downsampling.
    const out = toFashionMnist(picture(280, 280, 255, 0, [0, 280, 100, 101]))!;
    // The box is 280x1 -> 28x1 after the resize; the row survives at full intensity.
    expect(out.box.height).toBe(1);
    expect(Array.from(out.pixels).filter((p) => p > 0)).toHaveLength(28);
  });

  it('returns null for a blank picture', () => {
    expect(toFashionMnist(picture(10, 10, 255, 255, [0, 0, 0, 0]))).toBeNull();
  });

  it('composites transparent pixels over white', () => {
    const gray = toGray({ width: 1, height: 1, data: [0, 0, 0, 0] });
    expect(gray[0]).toBe(255);
  });

  it('names what is wrong with a malformed image', () => {
    expect(() => toFashionMnist({ width: 2, height: 2, data: new Uint8Array(15) })).toThrow(
      /15 bytes for a 2x2 RGBA image; expected 16/,
    );
    expect(() => toFashionMnist({ width: 0, height: 2, data: [] })).toThrow(/0x2/);
  });
});
