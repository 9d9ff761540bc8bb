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
 * height) with `aim`, waits for it to be drawn, and says how many screen px a degree takes at the centre.
 */
export function expose(aim, pxPerDegreeAt) {
  window.lookAt = async (u, v, fov) => {
    aim(u, v, fov);
    await nextFrames(4);
    return pxPerDegreeAt(fov);
  };
  window.panoReady = true;
}
