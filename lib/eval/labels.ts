// Parses and validates the face-evaluation labels.json (see /work/shared/facedata/README.md).

/** A ground-truth face box in integer image pixels, (x, y) = top-left. */
export interface GtFace {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Neither required nor a false positive when detected (tiny, occluded, invalid...). */
  ignore: boolean;
  reason?: string;
}

export interface LabeledImage {
  file: string;
  width: number;
  height: number;
  source: string;
  /** `wider` | `group` | `panorama` | `synthetic`; other strings are kept as-is. */
  kind?: string;
  faces: GtFace[];
  /** Unlabelled background faces: counts toward recall, not toward precision. */
  backgroundUnlabelled: boolean;
}

export interface LabelSet {
  images: LabeledImage[];
}

export class LabelError extends Error {
  override name = 'LabelError';
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

function num(obj: Json, key: string, where: string, positive: boolean): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || (positive ? v <= 0 : v < 0)) {
    throw new LabelError(`${where}.${key}: expected a ${positive ? 'positive' : 'non-negative'} number, got ${show(v)}`);
  }
  return v;
}

function str(obj: Json, key: string, where: string): string {
  const v = obj[key];
  if (typeof v !== 'string') throw new LabelError(`${where}.${key}: expected a string, got ${show(v)}`);
  return v;
}

function parseFace(v: unknown, where: string): GtFace {
  if (!isObject(v)) throw new LabelError(`${where}: expected an object, got ${show(v)}`);
  if (typeof v.ignore !== 'boolean') throw new LabelError(`${where}.ignore: expected true or false, got ${show(v.ignore)}`);
  const face: GtFace = {
    x: num(v, 'x', where, false),
    y: num(v, 'y', where, false),
    w: num(v, 'w', where, true),
    h: num(v, 'h', where, true),
    ignore: v.ignore,
  };
  if (v.reason !== undefined) face.reason = str(v, 'reason', where);
  return face;
}

function parseImage(v: unknown, index: number): LabeledImage {
  let where = `images[${index}]`;
  if (!isObject(v)) throw new LabelError(`${where}: expected an object, got ${show(v)}`);
  const file = str(v, 'file', where);
  where = `images[${index}] (${file})`; // name the file in later messages: indexes are hard to find by eye
  const image: LabeledImage = {
    file,
    width: num(v, 'width', where, true),
    height: num(v, 'height', where, true),
    source: str(v, 'source', where),
    faces: [],
    backgroundUnlabelled: false,
  };
  if (v.kind !== undefined) image.kind = str(v, 'kind', where);
  if (v.background_unlabelled !== undefined) {
    if (typeof v.background_unlabelled !== 'boolean') {
      throw new LabelError(`${where}.background_unlabelled: expected true or false, got ${show(v.background_unlabelled)}`);
    }
    image.backgroundUnlabelled = v.background_unlabelled;
  }
  if (!Array.isArray(v.faces)) throw new LabelError(`${where}.faces: expected an array, got ${show(v.faces)}`);
  image.faces = v.faces.map((f, i) => parseFace(f, `${where}.faces[${i}]`));
  return image;
}

/** Validates a parsed labels.json value; throws LabelError naming the first bad entry. Unknown keys are ignored. */
export function parseLabels(json: unknown): LabelSet {
  if (!isObject(json) || !Array.isArray(json.images)) {
    throw new LabelError('labels: expected an object with an "images" array');
  }
  const images = json.images.map(parseImage);
  // Detections are joined to labels by file name, so a repeated name would make results ambiguous.
  const seen = new Set<string>();
  for (const image of images) {
    if (seen.has(image.file)) throw new LabelError(`labels: file "${image.file}" appears more than once`);
    seen.add(image.file);
  }
  return { images };
}
