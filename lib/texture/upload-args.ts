// The overloads of WebGL's texImage2D / texSubImage2D, reduced to what a texture hook needs: where the picture goes,
// which argument carries it, and whether that argument is a picture at all (and not raw bytes or a buffer offset).

export type UploadCall = 'texImage2D' | 'texSubImage2D';

export interface Upload {
  call: UploadCall;
  target: number;
  level: number;
  /** Where in the texture the picture lands (0, 0 for texImage2D). */
  x: number;
  y: number;
  format: number;
  type: number;
  /** Index of the argument holding the picture (an image, canvas, bitmap, ImageData, video frame…). */
  sourceIndex: number;
  /** Width and height given by the call (WebGL2's 9-argument picture forms); the picture's own size otherwise. */
  size: { w: number; h: number } | null;
}

/**
 * Reads one call's arguments; null when the pixels are not a picture the hook can read (an ArrayBufferView, a
 * pixel-unpack buffer offset, null) or the arguments are malformed. `isPicture` tells a TexImageSource apart.
 *
 * texImage2D:    (t, lvl, ifmt, fmt, type, src)                     WebGL1/2
 *                (t, lvl, ifmt, w, h, border, fmt, type, src)      WebGL2 (src may also be bytes or an offset)
 *                (t, lvl, ifmt, w, h, border, fmt, type, bytes, srcOffset)
 * texSubImage2D: (t, lvl, x, y, fmt, type, src)                    WebGL1/2
 *                (t, lvl, x, y, w, h, fmt, type, src)              WebGL2 (src may also be bytes or an offset)
 *                (t, lvl, x, y, w, h, fmt, type, bytes, srcOffset)
 */
export function readUpload(call: UploadCall, args: ArrayLike<unknown>, isPicture: (value: unknown) => boolean): Upload | null {
  const n = args.length;
  const num = (i: number) => (typeof args[i] === 'number' && Number.isFinite(args[i]) ? (args[i] as number) : NaN);
  let upload: Upload;
  if (call === 'texImage2D') {
    if (n === 6) upload = { call, target: num(0), level: num(1), x: 0, y: 0, format: num(3), type: num(4), sourceIndex: 5, size: null };
    else if (n === 9) upload = { call, target: num(0), level: num(1), x: 0, y: 0, format: num(6), type: num(7), sourceIndex: 8, size: { w: num(3), h: num(4) } };
    else return null;
  } else {
    if (n === 7) upload = { call, target: num(0), level: num(1), x: num(2), y: num(3), format: num(4), type: num(5), sourceIndex: 6, size: null };
    else if (n === 9) upload = { call, target: num(0), level: num(1), x: num(2), y: num(3), format: num(6), type: num(7), sourceIndex: 8, size: { w: num(4), h: num(5) } };
    else return null;
  }
  const numbers = [upload.target, upload.level, upload.x, upload.y, upload.format, upload.type, upload.size?.w ?? 0, upload.size?.h ?? 0];
  if (numbers.some((v) => Number.isNaN(v) || v < 0)) return null;
  return isPicture(args[upload.sourceIndex]) ? upload : null;
}

/**
 * An upload the hook cannot read that is large enough to be a photo: raw bytes or a pixel-buffer offset in one of the
 * colour formats a decoded photo comes in (data textures such as height maps or glyph atlases use others).
 */
export function isOpaquePhotoUpload(
  call: UploadCall,
  args: ArrayLike<unknown>,
  minSide: number,
  colour: { formats: readonly number[]; type: number },
): boolean {
  if (args.length < 9) return false;
  const [w, h] = call === 'texImage2D' ? [args[3], args[4]] : [args[4], args[5]];
  const [format, type, pixels] = [args[6], args[7], args[8]];
  const opaque = ArrayBuffer.isView(pixels) || typeof pixels === 'number';
  return (
    opaque && typeof w === 'number' && typeof h === 'number' && w >= minSide && h >= minSide &&
    colour.formats.includes(format as number) && type === colour.type
  );
}

/** The binding a texture target is read back from: cube-map faces are bound as one cube map. */
export function bindingTarget(target: number, gl: { TEXTURE_2D: number; TEXTURE_CUBE_MAP: number; TEXTURE_CUBE_MAP_POSITIVE_X: number; TEXTURE_CUBE_MAP_NEGATIVE_Z: number }): number | null {
  if (target === gl.TEXTURE_2D) return gl.TEXTURE_2D;
  if (target >= gl.TEXTURE_CUBE_MAP_POSITIVE_X && target <= gl.TEXTURE_CUBE_MAP_NEGATIVE_Z) return gl.TEXTURE_CUBE_MAP;
  return null;
}
