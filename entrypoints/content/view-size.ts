// How large the page draws an image's whole picture, in device px: what the scan scale is set from.
import { paintedImageRect, type ObjectFit } from '@/lib/geometry';
import type { Size } from '@/lib/detect/scale';

/**
 * The natural picture's size as painted (object-fit and object-position included, so larger than the
 * box with `cover`), times the device pixel ratio (page zoom included) and the pinch-zoom scale. Null while it is
 * not rendered.
 */
export function drawnSize(img: HTMLImageElement): Size | null {
  const rect = img.getBoundingClientRect(); // after transforms: a scaled-up image shows its faces larger
  if (rect.width === 0 || rect.height === 0 || img.naturalWidth === 0) return null;
  const style = getComputedStyle(img);
  const px = (v: string) => parseFloat(v) || 0;
  // Border and padding in CSS px; the rect's scale factor applies to them too, which is close enough here.
  const w = rect.width - px(style.borderLeftWidth) - px(style.borderRightWidth) - px(style.paddingLeft) - px(style.paddingRight);
  const h = rect.height - px(style.borderTopWidth) - px(style.borderBottomWidth) - px(style.paddingTop) - px(style.paddingBottom);
  if (w <= 0 || h <= 0) return null;
  const painted = paintedImageRect({ w, h }, { w: img.naturalWidth, h: img.naturalHeight }, style.objectFit as ObjectFit, style.objectPosition);
  const k = (window.devicePixelRatio || 1) * (visualViewport?.scale ?? 1);
  return { w: painted.w * k, h: painted.h * k };
}
