// The shapes every context agrees on for a detected face.

/** A box in normalized image coordinates: 0..1 of the image's natural width/height, (x, y) = top-left. */
export interface NormBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The picture around a face reduced to a grid of colours by the detector, which has the pixels: enough to draw the
 * face's mosaic-and-blur cover at any strength without reading the page's image again (a 144-megapixel photo would
 * be decoded on the page's main thread for that). See lib/blur.ts, `sampleArea`.
 */
export interface Mosaic {
  /** The sampled area (normalized to the whole image, clipped to it): the cover with room for the widest blur. */
  area: NormBox;
  cols: number;
  rows: number;
  /** cols x rows RGB triplets, row by row, base64. */
  rgb: string;
}

/** One detected face: its box (normalized to the whole image) and the detector's score in 0..1. */
export interface Face {
  box: NormBox;
  score: number;
  mosaic?: Mosaic;
}
