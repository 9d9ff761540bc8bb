// Reads computed CSS background values: which layers hold a picture (url(), image-set()), and each layer's own
// size/position/repeat/origin/clip from the comma-separated lists that go with them.

/** One background layer's computed properties (one item of each list). */
export interface LayerStyle {
  /** The picture's absolute URL. */
  url: string;
  /** The layer's index (0 = painted on top), which the other lists are indexed by. */
  index: number;
  size: string;
  positionX: string;
  positionY: string;
  repeat: string;
  origin: string;
  clip: string;
  attachment: string;
}

/** The computed longhands, as `getComputedStyle` gives them. */
export interface BackgroundStyle {
  backgroundImage: string;
  backgroundSize: string;
  backgroundPositionX: string;
  backgroundPositionY: string;
  backgroundRepeat: string;
  backgroundOrigin: string;
  backgroundClip: string;
  backgroundAttachment: string;
}

/** The layers of a computed `background-image` that show a picture (gradients and `none` hold no face), from the top. */
export function pictureUrls(backgroundImage: string, dpr: number): { index: number; url: string }[] {
  const out: { index: number; url: string }[] = [];
  splitList(backgroundImage).forEach((image, index) => {
    const url = pictureUrl(image, dpr);
    if (url) out.push({ index, url });
  });
  return out;
}

/** Layer `index`'s item of each list; lists shorter than the image list repeat (CSS Backgrounds 3, "layering"). */
export function layerProps(style: BackgroundStyle, index: number): Omit<LayerStyle, 'url'> {
  const at = (value: string, fallback: string) => {
    const list = splitList(value);
    return list[index % Math.max(list.length, 1)] ?? fallback;
  };
  return {
    index,
    size: at(style.backgroundSize, 'auto'),
    positionX: at(style.backgroundPositionX, '0%'),
    positionY: at(style.backgroundPositionY, '0%'),
    repeat: at(style.backgroundRepeat, 'repeat'),
    origin: at(style.backgroundOrigin, 'padding-box'),
    clip: at(style.backgroundClip, 'border-box'),
    attachment: at(style.backgroundAttachment, 'scroll'),
  };
}

/** The URL one layer paints: `url(…)`, or the `image-set()` option the browser would pick at this pixel ratio. */
export function pictureUrl(image: string, dpr: number): string | null {
  const value = image.trim();
  const url = /^url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)\s]*))\s*\)$/i.exec(value);
  if (url) return unescapeCss(url[1] ?? url[2] ?? url[3] ?? '') || null;
  const set = /^(?:-webkit-)?image-set\((.*)\)$/is.exec(value);
  if (set) return pickFromSet(set[1]!, dpr);
  return null; // none, gradients, cross-fade(), element()…
}

/** Like the browser: the lowest resolution at least the screen's, else the highest there is; unknown types skipped. */
function pickFromSet(body: string, dpr: number): string | null {
  const options: { url: string; x: number }[] = [];
  for (const item of splitList(body)) {
    const parts = splitTop(item, ' ');
    const first = parts.shift() ?? '';
    const url = first.startsWith('"') || first.startsWith("'") ? unescapeCss(first.slice(1, -1)) : pictureUrl(first, dpr);
    if (!url) continue;
    let x = 1;
    let typeOk = true;
    for (const part of parts) {
      const type = /^type\(\s*["']([^"']*)["']\s*\)$/i.exec(part);
      if (type) typeOk = /^image\/(jpeg|png|gif|webp|avif|svg\+xml|bmp|x-icon)$/i.test(type[1]!);
      const res = /^([\d.]+)(x|dppx|dpi|dpcm)$/i.exec(part);
      if (res) x = resolutionToX(Number(res[1]), res[2]!.toLowerCase());
    }
    if (typeOk && x > 0) options.push({ url, x });
  }
  if (options.length === 0) return null;
  const enough = options.filter((o) => o.x >= dpr).sort((a, b) => a.x - b.x);
  return (enough[0] ?? options.sort((a, b) => b.x - a.x)[0]!).url;
}

function resolutionToX(n: number, unit: string): number {
  if (unit === 'dpi') return n / 96;
  if (unit === 'dpcm') return (n * 2.54) / 96;
  return n;
}

/** Splits a computed list on its top-level commas (not inside parentheses or quotes). */
export function splitList(value: string): string[] {
  return splitTop(value, ',').filter((s) => s.length > 0);
}

function splitTop(value: string, separator: ',' | ' '): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === separator && depth === 0) {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(value.slice(start).trim());
  return out.filter((s) => s.length > 0);
}

function unescapeCss(s: string): string {
  return s.replace(/\\([0-9a-f]{1,6}\s?|.)/gi, (_, esc: string) => {
    if (!/^[0-9a-f]/i.test(esc)) return esc;
    const code = parseInt(esc, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}
