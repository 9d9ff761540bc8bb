// Faces near the poles of a 360° equirectangular picture are stretched sideways there (twice at 60° of latitude,
// almost four times at 75°) past what a detector knows. A rectilinear view straight up and one straight down show
// them as a camera would; this maps those views to the picture and their boxes back.
import type { NormBox } from '../face';

/** A square rectilinear view centred on a pole. */
export interface PolarView {
  /** 1: straight up (north, the picture's top edge); -1: straight down. */
  pole: 1 | -1;
  /** Side, px. */
  size: number;
  /** Focal length, px: the view spans FIELD_OF_VIEW across. */
  focal: number;
}

/** Degrees across each view: down to 40° of latitude, where the flat picture still shows faces well. */
const FIELD_OF_VIEW = 100;
/** Only faces this far from the equator are taken from the views; nearer ones the flat picture finds as they are. */
export const POLAR_LATITUDE = (45 * Math.PI) / 180;

/**
 * The two views for a picture `width` px wide: about as many px per degree near 60° as the picture has there, times
 * `scale` (<= 1: a picture shown small needs less detail, see pixelScale).
 */
export function polarViews(width: number, scale = 1): PolarView[] {
  const size = Math.max(256, Math.min(2048, Math.round((width / 4) * Math.min(1, scale))));
  const focal = size / 2 / Math.tan(((FIELD_OF_VIEW / 2) * Math.PI) / 180);
  return [1, -1].map((pole) => ({ pole: pole as 1 | -1, size, focal }));
}

/** Longitude and latitude (radians) seen through view pixel (x, y) (pixel centres at +0.5). */
export function viewToLonLat(view: PolarView, x: number, y: number): [number, number] {
  const dx = (x - view.size / 2) / view.focal;
  const dy = (y - view.size / 2) / view.focal;
  const lat = view.pole * (Math.PI / 2 - Math.atan(Math.hypot(dx, dy)));
  // Up: the view's top is longitude 0 (the picture's centre), right is east; down: mirrored, as seen from inside.
  const lon = view.pole === 1 ? Math.atan2(dx, -dy) : Math.atan2(dx, dy);
  return [lon, lat];
}

/** Where a longitude and latitude lie on the picture, as fractions (u wraps at the seam). */
export function lonLatToUV(lon: number, lat: number): [number, number] {
  const u = 0.5 + lon / (2 * Math.PI);
  return [u - Math.floor(u), 0.5 - lat / Math.PI];
}

/**
 * A box found in a view (fractions of the view) as boxes on the picture: the span of its outline, split at the seam;
 * a box around the pole itself becomes the whole cap from that pole.
 */
export function viewBoxToPicture(view: PolarView, box: NormBox): NormBox[] {
  const points: [number, number][] = [];
  const steps = 8;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    for (const [fx, fy] of [[t, 0], [t, 1], [0, t], [1, t]] as const) {
      const [lon, lat] = viewToLonLat(view, (box.x + fx * box.w) * view.size, (box.y + fy * box.h) * view.size);
      points.push(lonLatToUV(lon, lat));
    }
  }
  const vs = points.map(([, v]) => v);
  let top = Math.min(...vs);
  let bottom = Math.max(...vs);
  const centre = 0.5;
  const aroundPole = box.x < centre && box.x + box.w > centre && box.y < centre && box.y + box.h > centre;
  if (aroundPole) {
    if (view.pole === 1) top = 0;
    else bottom = 1;
    return [{ x: 0, y: top, w: 1, h: bottom - top }];
  }
  // The outline's longitudes: the box spans the circle but for the largest gap between them.
  const us = points.map(([u]) => u).sort((a, b) => a - b);
  let gap = us[0]! + 1 - us[us.length - 1]!;
  let start = us[0]!;
  for (let i = 1; i < us.length; i++) {
    if (us[i]! - us[i - 1]! > gap) {
      gap = us[i]! - us[i - 1]!;
      start = us[i]!;
    }
  }
  const span = 1 - gap;
  const y = { y: top, h: bottom - top };
  if (start + span <= 1) return [{ x: start, w: span, ...y }];
  return [
    { x: start, w: 1 - start, ...y },
    { x: 0, w: start + span - 1, ...y },
  ];
}
