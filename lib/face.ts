// The shapes every context agrees on for a detected face.

/** A box in normalized image coordinates: 0..1 of the image's natural width/height, (x, y) = top-left. */
export interface NormBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One detected face: its box (normalized to the whole image) and the detector's score in 0..1. */
export interface Face {
  box: NormBox;
  score: number;
}
