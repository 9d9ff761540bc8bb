// Mosaic grids as they travel in messages: RGB bytes packed as base64, and back to RGBA pixels for a canvas.

export function packRgb(rgba: Uint8ClampedArray | Uint8Array): string {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  let binary = '';
  for (let i = 0; i < rgb.length; i += 0x8000) binary += String.fromCharCode(...rgb.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** RGBA pixels (opaque) for `cells` cells, or null when the data does not hold exactly that many. */
export function unpackRgb(base64: string, cells: number): Uint8ClampedArray<ArrayBuffer> | null {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return null;
  }
  if (binary.length !== cells * 3) return null;
  const rgba = new Uint8ClampedArray(cells * 4);
  for (let i = 0, j = 0; i < binary.length; i += 3, j += 4) {
    rgba[j] = binary.charCodeAt(i);
    rgba[j + 1] = binary.charCodeAt(i + 1);
    rgba[j + 2] = binary.charCodeAt(i + 2);
    rgba[j + 3] = 255;
  }
  return rgba;
}
