/**
 * Outlines the reader can put on the drawing pad without a pointer (the keyboard alternative to
 * drawing): polygons in a unit square, drawn filled, dark on white like a drawing. Pure data.
 */
export interface ExampleShape {
  /** Key of the shape's name in site/i18n/ui.ts. */
  key: 'fashion.shapeTrouser' | 'fashion.shapeTshirt' | 'fashion.shapeBag';
  points: [number, number][];
}

export const EXAMPLE_SHAPES: readonly ExampleShape[] = [
  {
    key: 'fashion.shapeTrouser',
    points: [
      [0.3, 0.05],
      [0.7, 0.05],
      [0.72, 0.95],
      [0.56, 0.95],
      [0.5, 0.3],
      [0.44, 0.95],
      [0.28, 0.95],
    ],
  },
  {
    key: 'fashion.shapeTshirt',
    points: [
      [0.35, 0.1],
      [0.65, 0.1],
      [0.92, 0.28],
      [0.82, 0.42],
      [0.72, 0.36],
      [0.72, 0.92],
      [0.28, 0.92],
      [0.28, 0.36],
      [0.18, 0.42],
      [0.08, 0.28],
    ],
  },
  {
    key: 'fashion.shapeBag',
    points: [
      [0.15, 0.35],
      [0.35, 0.35],
      [0.38, 0.15],
      [0.62, 0.15],
      [0.65, 0.35],
      [0.85, 0.35],
      [0.88, 0.88],
      [0.12, 0.88],
    ],
  },
];
