// WebGL state the texture hook touches, read and written through natives captured before any page script: the unpack
// settings of an upload, and which texture a target binds.

export type GL = WebGLRenderingContext | WebGL2RenderingContext;

const { apply } = Reflect;
export const NativeWebGL2 = typeof WebGL2RenderingContext === 'undefined' ? null : WebGL2RenderingContext;
const METHODS = ['texImage2D', 'texSubImage2D', 'getParameter', 'bindTexture', 'bindBuffer', 'pixelStorei', 'generateMipmap', 'isContextLost', 'isTexture'] as const;
export type Natives = Record<(typeof METHODS)[number], Function>;

/** The page's unpack settings at upload time, replayed for the face-only upload. */
export interface Unpack {
  flipY: boolean;
  premultiply: boolean;
  colorspace: number;
  alignment: number;
  rowLength: number;
  skipPixels: number;
  skipRows: number;
}

export function captureNatives(proto: object): Natives {
  const n = {} as Natives;
  for (const m of METHODS) n[m] = Reflect.get(proto, m) as Function;
  return n;
}

export function bindingOf(gl: GL, bindTarget: number): number {
  return bindTarget === gl.TEXTURE_CUBE_MAP ? gl.TEXTURE_BINDING_CUBE_MAP : gl.TEXTURE_BINDING_2D;
}

export function readUnpack(gl: GL, n: Natives): Unpack {
  const get = (p: number) => apply(n.getParameter, gl, [p]) as never;
  const g2 = gl as WebGL2RenderingContext;
  const webgl2 = NativeWebGL2 !== null && gl instanceof NativeWebGL2;
  return {
    flipY: get(gl.UNPACK_FLIP_Y_WEBGL),
    premultiply: get(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL),
    colorspace: get(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL),
    alignment: get(gl.UNPACK_ALIGNMENT),
    rowLength: webgl2 ? get(g2.UNPACK_ROW_LENGTH) : 0,
    skipPixels: webgl2 ? get(g2.UNPACK_SKIP_PIXELS) : 0,
    skipRows: webgl2 ? get(g2.UNPACK_SKIP_ROWS) : 0,
  };
}

export function writeUnpack(gl: GL, n: Natives, u: Unpack, webgl2: boolean): void {
  const set = (p: number, v: number | boolean) => apply(n.pixelStorei, gl, [p, v]);
  set(gl.UNPACK_FLIP_Y_WEBGL, u.flipY);
  set(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, u.premultiply);
  set(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, u.colorspace);
  set(gl.UNPACK_ALIGNMENT, u.alignment);
  if (!webgl2) return;
  const g2 = gl as WebGL2RenderingContext;
  set(g2.UNPACK_ROW_LENGTH, u.rowLength);
  set(g2.UNPACK_SKIP_PIXELS, u.skipPixels);
  set(g2.UNPACK_SKIP_ROWS, u.skipRows);
}
