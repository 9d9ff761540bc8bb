// Shared by the panorama fixture pages: the picture to show (optionally turned around its vertical axis, so a face can
// straddle the 0°/360° seam) and a wait for the viewer to draw.

/** `img`: a data-set path; `roll`: pixels moved from the right edge to the left. */
export async function panoramaUrl(params) {
  const src = `/data/${params.get('img')}`;
  const roll = Number(params.get('roll') ?? 0);
  if (!roll) return src;
  const img = new Image();
  img.src = src;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, roll, 0);
  ctx.drawImage(img, roll - img.naturalWidth, 0);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.95));
  return URL.createObjectURL(blob);
}

/**
 * The equirectangular picture at `src` as the six faces of a cube, in Pannellum's order (front, right, back, left, up,
 * down; front at the picture's centre), each a quarter of its width across, as blob: URLs.
 */
export async function cubeFaces(src) {
  const img = new Image();
  img.src = src;
  await img.decode();
  const W = img.naturalWidth;
  const H = img.naturalHeight;
  const whole = document.createElement('canvas');
  whole.width = W;
  whole.height = H;
  const wctx = whole.getContext('2d');
  wctx.drawImage(img, 0, 0);
  const pixels = wctx.getImageData(0, 0, W, H).data;
  const n = W / 4;
  // The direction through face pixel (a, b) in [-1, 1] (a rightwards, b downwards), x right, y up, z front.
  const dirs = [
    (a, b) => [a, -b, 1],
    (a, b) => [1, -b, -a],
    (a, b) => [-a, -b, -1],
    (a, b) => [-1, -b, a],
    (a, b) => [a, 1, b],
    (a, b) => [a, -1, -b],
  ];
  const urls = [];
  for (const dir of dirs) {
    const face = document.createElement('canvas');
    face.width = face.height = n;
    const fctx = face.getContext('2d');
    const out = fctx.createImageData(n, n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const [x, y, z] = dir((2 * (i + 0.5)) / n - 1, (2 * (j + 0.5)) / n - 1);
        const u = 0.5 + Math.atan2(x, z) / (2 * Math.PI);
        const v = 0.5 - Math.atan2(y, Math.hypot(x, z)) / Math.PI;
        const sx = Math.min(W - 1, Math.floor(u * W));
        const sy = Math.min(H - 1, Math.floor(v * H));
        const from = (sy * W + sx) * 4;
        const to = (j * n + i) * 4;
        out.data[to] = pixels[from];
        out.data[to + 1] = pixels[from + 1];
        out.data[to + 2] = pixels[from + 2];
        out.data[to + 3] = 255;
      }
    }
    fctx.putImageData(out, 0, 0);
    const blob = await new Promise((resolve) => face.toBlob(resolve, 'image/jpeg', 0.95));
    urls.push(URL.createObjectURL(blob));
  }
  return urls;
}

export function nextFrames(n) {
  return new Promise((resolve) => {
    const step = () => (n-- > 0 ? requestAnimationFrame(step) : resolve());
    requestAnimationFrame(step);
  });
}

/** Screen px per degree at the centre of a rectilinear view `fov` degrees across `px` pixels. */
export function pxPerDegree(px, fov) {
  return px / 2 / Math.tan((fov * Math.PI) / 360) * (Math.PI / 180);
}

/**
 * Opens the page to the tests: `lookAt(u, v, fov)` turns the view to a point of the picture (fractions of its width and
 * height) with `aim`, waits for it to be drawn (and its tiles, while `loading()`), and says how many screen px a degree
 * takes at the centre.
 */
export function expose(aim, pxPerDegreeAt, loading = () => false) {
  window.lookAt = async (u, v, fov) => {
    aim(u, v, fov);
    await nextFrames(4);
    // A tiled panorama fetches the view's finer tiles after turning: wait for them.
    while (loading()) await nextFrames(1);
    return pxPerDegreeAt(fov);
  };
  window.panoReady = true;
}

/**
 * The six faces (blob: URLs from cubeFaces) as Pannellum's multires tiles, `tile` px square, at every level from one tile
 * per face up to the faces' own size: `{ 'LEVEL/Srow_col.jpg': base64 JPEG }` (Pannellum's `%l/%s%y_%x`).
 */
export async function multiresTiles(faces, tile) {
  // Pannellum's face letters, in cubeFaces' order (front, right, back, left, up, down).
  const letters = ['f', 'r', 'b', 'l', 'u', 'd'];
  const out = {};
  for (const [i, url] of faces.entries()) {
    const face = new Image();
    face.src = url;
    await face.decode();
    const levels = Math.log2(face.naturalWidth / tile) + 1;
    for (let level = 1; level <= levels; level++) {
      const size = tile * 2 ** (level - 1);
      for (let row = 0; row < size / tile; row++) {
        for (let col = 0; col < size / tile; col++) {
          const canvas = document.createElement('canvas');
          canvas.width = canvas.height = tile;
          const k = face.naturalWidth / size;
          canvas.getContext('2d').drawImage(face, col * tile * k, row * tile * k, tile * k, tile * k, 0, 0, tile, tile);
          const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
          const bytes = new Uint8Array(await blob.arrayBuffer());
          let binary = '';
          for (let j = 0; j < bytes.length; j += 0x8000) binary += String.fromCharCode(...bytes.subarray(j, j + 0x8000));
          out[`${level}/${letters[i]}${row}_${col}.jpg`] = btoa(binary);
        }
      }
    }
  }
  return out;
}
