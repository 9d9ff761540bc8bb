// Draws the rectilinear views of a panorama's poles (lib/detect/polar.ts) from the picture, in the offscreen document.
import { polarViews, lonLatToUV, viewToLonLat, type PolarView } from './polar';

/** The picture is read at most this many times a view's side across (4: as much detail as the view shows). */
const SOURCE_PER_VIEW = 4;
/** Rows read from each pole: the views reach 40° of latitude, a little over a quarter of the picture's height. */
const CAP = 0.3;

/** Both views of `image` (an equirectangular picture), scaled by `scale` (see polarViews), as bitmaps. */
export function renderPolarViews(image: ImageBitmap, scale: number): { view: PolarView; bitmap: ImageBitmap }[] {
  const views = polarViews(image.width, scale);
  const w = Math.min(image.width, views[0]!.size * SOURCE_PER_VIEW);
  const h = Math.round((image.height * w) / image.width);
  const capRows = Math.ceil(h * CAP);
  // Only the two caps are drawn and read (the middle of the picture is not needed).
  const source = new OffscreenCanvas(w, capRows);
  const sctx = source.getContext('2d', { willReadFrequently: true })!;
  const cap = (top: number) => {
    sctx.drawImage(image, 0, top * (image.height / h), image.width, capRows * (image.height / h), 0, 0, w, capRows);
    return sctx.getImageData(0, 0, w, capRows).data;
  };
  const caps = { 1: cap(0), [-1]: cap(h - capRows) };
  source.width = source.height = 0;
  return views.map((view) => {
    const rows = caps[view.pole];
    const first = view.pole === 1 ? 0 : h - capRows;
    const out = new ImageData(view.size, view.size);
    for (let y = 0; y < view.size; y++) {
      for (let x = 0; x < view.size; x++) {
        const [u, v] = lonLatToUV(...viewToLonLat(view, x + 0.5, y + 0.5));
        const sx = Math.min(w - 1, Math.floor(u * w));
        const sy = Math.min(capRows - 1, Math.max(0, Math.floor(v * h) - first));
        const from = (sy * w + sx) * 4;
        const to = (y * view.size + x) * 4;
        out.data[to] = rows[from]!;
        out.data[to + 1] = rows[from + 1]!;
        out.data[to + 2] = rows[from + 2]!;
        out.data[to + 3] = 255;
      }
    }
    const canvas = new OffscreenCanvas(view.size, view.size);
    canvas.getContext('2d')!.putImageData(out, 0, 0);
    return { view, bitmap: canvas.transferToImageBitmap() };
  });
}
