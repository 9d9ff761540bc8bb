// A small DXT1 (S3TC) encoder for the test pages: a photo as a GPU-compressed texture, which FaceVeil cannot read.
// Per 4x4 block: the darkest and brightest pixels as the two end colours, each pixel the nearest of the four shades.

const to565 = (r, g, b) => ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3);
const from565 = (c) => [((c >> 11) & 31) * 255 / 31, ((c >> 5) & 63) * 255 / 63, (c & 31) * 255 / 31];

/** RGBA pixels (`width` and `height` multiples of 4) as DXT1 blocks. */
export function encodeDxt1(rgba, width, height) {
  const out = new DataView(new ArrayBuffer((width / 4) * (height / 4) * 8));
  let offset = 0;
  for (let by = 0; by < height; by += 4) {
    for (let bx = 0; bx < width; bx += 4) {
      const pixels = [];
      for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) {
        const i = ((by + y) * width + bx + x) * 4;
        pixels.push([rgba[i], rgba[i + 1], rgba[i + 2]]);
      }
      const luma = (p) => p[0] * 0.299 + p[1] * 0.587 + p[2] * 0.114;
      const sorted = pixels.slice().sort((a, b) => luma(a) - luma(b));
      let c0 = to565(...sorted[15]);
      let c1 = to565(...sorted[0]);
      if (c0 < c1) [c0, c1] = [c1, c0];
      const a = from565(c0);
      const b = from565(c1);
      const shades = c0 === c1 ? [a] : [a, b, a.map((v, k) => (2 * v + b[k]) / 3), a.map((v, k) => (v + 2 * b[k]) / 3)];
      let indices = 0;
      pixels.forEach((p, n) => {
        let best = 0;
        let bestD = Infinity;
        shades.forEach((s, k) => {
          const d = (p[0] - s[0]) ** 2 + (p[1] - s[1]) ** 2 + (p[2] - s[2]) ** 2;
          if (d < bestD) [best, bestD] = [k, d];
        });
        indices |= best << (2 * n);
      });
      out.setUint16(offset, c0, true);
      out.setUint16(offset + 2, c1, true);
      out.setUint32(offset + 4, indices >>> 0, true);
      offset += 8;
    }
  }
  return new Uint8Array(out.buffer);
}
