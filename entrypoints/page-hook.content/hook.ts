// Wraps WebGL's picture uploads: the texture gets a blurred stand-in at once (a large image: nothing at once, its
// stand-in strip by strip once decoded off the main thread), FaceVeil's isolated side scans a snapshot, and the texture
// is uploaded again with only the faces blurred. Runs in the page's world: natives are captured before
// any page script, every call goes through Reflect.apply, and nothing of the page's is trusted.
import type { NormBox } from '@/lib/face';
import { blurFacesInPlace, type BlurLook } from '@/lib/photo/blur-canvas';
import { bindingTarget, isOpaquePhotoUpload, readUpload, type Upload, type UploadCall } from '@/lib/texture/upload-args';
import { blurredStandIn, cellColours, decodeFile, encodeForScan, fileOf, isBitmap, isPicture, isVideoSource, pictureSize, release, snapshot, withFaces, type FileRef, type Picture } from './pictures';
import { channelsOf, faceOnlyStrips, mosaicBytes, mosaicStrips, type Channels, type Strip } from './pixels';
import { bindingOf, captureNatives, NativeWebGL2, readUnpack, writeUnpack, type GL, type Natives, type Unpack } from './gl-state';
import { cubeFaceOf, type CubeFace } from '@/lib/texture/cube';
import { padCubeFace, type PaddedFace } from './cube-padding';
import { isScannableFile } from '@/lib/texture/protocol';
import { passedOn } from '@/lib/texture/tiles';
import { TileSet, tileNameOf, type Around, type Frame } from './tiles';
import { markUnreadable } from './unreadable';
import { wrapMethod } from './wrap';

/** Smaller pictures (icons, sprites, glyphs) are passed through untouched. */
const MIN_SIDE = 48;
/** Unreadable uploads at least this large on both sides could be a photo: their canvas is blurred whole. */
const MIN_PHOTO_SIDE = 256;
/** Snapshots waiting for an answer, at most: a page that uploads without end must not fill memory. */
const MAX_PENDING = 64;
/** How long a cube map's faces wait for each other before each is scanned with what there is. */
const CUBE_WAIT_MS = 300;
/** How long a tile waits for its neighbours (a viewer loads a screen's tiles a few at a time) before it is scanned. */
const TILE_WAIT_MS = 250;
/**
 * Images this large are decoded off the main thread: the page's call leaves the texture empty (black) and the stand-in
 * follows strip by strip (at 4096x2048 the stand-in made in the call cost ~60 ms, at 8192x4096 over a second).
 */
const DEFER_PX = 2_000_000;

const { apply } = Reflect;
const dispatchEvent = EventTarget.prototype.dispatchEvent;
const NativeEvent = Event;
const nativeSetTimeout = setTimeout;
const nativeClearTimeout = clearTimeout;

interface Pending {
  gl: GL;
  texture: WebGLTexture;
  upload: Upload;
  /** How the face-only texture is uploaded: in byte strips (8-bit RGB/RGBA), else as one picture like the page's. */
  channels: Channels | null;
  /** The unpack settings the face-only upload needs to land as the page's picture did. */
  unpack: Unpack;
  asBitmap: boolean;
  slot: string;
  /** The picture's size (the texture's region). */
  w: number;
  h: number;
  shot?: ImageBitmap;
  /** A large image decoded from its own file (DEFER_PX), which is also what gets scanned. */
  file?: Blob;
  /** The face-only upload has begun: a stand-in still being uploaded strip by strip stops. */
  answered?: boolean;
  /** Sent to be scanned. At most one per texture slot at a time; a slot uploaded again meanwhile waits with its latest. */
  offered?: boolean;
  /** Scanned padded with its neighbours (a cube face, a tile): where it sits in the padded picture, to map faces back. */
  pad?: Frame;
  /** A tile of a multires panorama (its snapshot is kept by the tile set, for its neighbours' scans). */
  tiled?: boolean;
  /** The tiles drawn around this one for its scan: faces found reaching into them are passed on. */
  around?: Around[];
  /** Faces passed on by neighbouring tiles, and (once answered) all faces blurred in this one. */
  faces?: NormBox[];
}

export interface TextureHook {
  /** Blurring on or off, and the look of a face's blur. */
  setLook(on: boolean, look: BlurLook): void;
  /** The faces of texture `id` are known: upload it again with only them blurred. */
  facesFound(id: number, faces: NormBox[]): void;
  /** Texture `id` was not scanned: it keeps its stand-in. */
  keepBlurred(id: number): void;
  /** Offers every texture still waiting again (a new FaceVeil copy took over; the old one's scans are lost). */
  offerAgain(): void;
}

/** Installs the hook on both WebGL prototypes; `offer` hands a snapshot (or a large image's own file) to FaceVeil's isolated side. */
export function installTextureHook(offer: (id: number, picture: Blob, w: number, h: number) => void): TextureHook {
  let on = true;
  let look: BlurLook = { shape: 'ellipse', strength: 6 };
  let nextId = 1;
  const pending = new Map<number, Pending>();
  /** Latest upload id per texture and slot (target, level, offset): an answer for an older one is dropped. */
  const latest = new WeakMap<WebGLTexture, Map<string, number>>();
  const mipmapped = new WeakSet<WebGLTexture>();
  /** Tiles answered and still kept by the tile set: a face a later neighbour finds across their edge is added to them. */
  const answered = new Map<number, Pending>();
  const tiles = new TileSet((id) => {
    answered.delete(id);
    pending.delete(id); // its snapshot is gone: the texture keeps what it shows
  });
  const protos = [WebGLRenderingContext.prototype, NativeWebGL2?.prototype].filter((p): p is WebGL2RenderingContext => !!p);
  const [natives1, natives2] = protos.map(captureNatives);
  const nativesOf = (gl: GL): Natives => (NativeWebGL2 && gl instanceof NativeWebGL2 ? natives2! : natives1!);

  protos.forEach((proto, i) => {
    const n = i === 0 ? natives1! : natives2!;
    for (const call of ['texImage2D', 'texSubImage2D'] as UploadCall[]) {
      wrapMethod(proto, call, function (this: GL, ...args: unknown[]) {
        return upload(this, n, call, args);
      });
    }
    wrapMethod(proto, 'generateMipmap', function (this: GL, target: number) {
      const texture = apply(n.getParameter, this, [bindingOf(this, target)]) as WebGLTexture | null;
      if (texture) mipmapped.add(texture);
      return apply(n.generateMipmap, this, [target]);
    });
    for (const call of ['compressedTexImage2D', 'compressedTexSubImage2D'] as const) {
      const native = Reflect.get(proto, call) as Function;
      wrapMethod(proto, call, function (this: GL, ...args: unknown[]) {
        const [w, h] = call === 'compressedTexImage2D' ? [args[3], args[4]] : [args[4], args[5]];
        if (typeof w === 'number' && typeof h === 'number' && w >= MIN_PHOTO_SIDE && h >= MIN_PHOTO_SIDE) {
          markUnreadable(this.canvas, 'compressed texture');
        }
        return apply(native, this, args);
      });
    }
  });

  function upload(gl: GL, n: Natives, call: UploadCall, args: unknown[]): unknown {
    const u = on ? readUpload(call, args, isPicture) : null;
    if (!u) {
      // Video frames as a texture (360° video players, three.js VideoTexture) come too fast to scan: blurred whole.
      if (on && readUpload(call, args, isVideoSource)) markUnreadable(gl.canvas, 'video frames uploaded as a texture');
      else if (isOpaquePhotoUpload(call, args, MIN_PHOTO_SIDE, { formats: [gl.RGB, gl.RGBA], type: gl.UNSIGNED_BYTE })) {
        markUnreadable(gl.canvas, 'raw pixel upload');
      }
      return apply(call === 'texImage2D' ? n.texImage2D : n.texSubImage2D, gl, args);
    }
    const native = call === 'texImage2D' ? n.texImage2D : n.texSubImage2D;
    const picture = args[u.sourceIndex] as Picture;
    const { w, h } = pictureSize(picture);
    const bind = bindingTarget(u.target, gl);
    // A sized upload of part of a picture (unpack skips) is rare; it is passed through rather than guessed at.
    const whole = !u.size || (u.size.w === w && u.size.h === h);
    if (w < MIN_SIDE || h < MIN_SIDE || bind === null || !whole) return apply(native, gl, args);
    const webgl2 = n === natives2;
    const g2 = gl as WebGL2RenderingContext;
    // With a pixel-unpack buffer bound a picture upload is an error anyway: the page's own call reports it.
    if (webgl2 && apply(n.getParameter, gl, [g2.PIXEL_UNPACK_BUFFER_BINDING])) return apply(native, gl, args);
    const pageUnpack = readUnpack(gl, n);
    const asBitmap = isBitmap(picture);
    const channels = channelsOf(u.format, u.type, gl);
    // Bytes get the picture's flip and premultiply; an ImageBitmap ignores those settings, so its bytes must too.
    const bytesUnpack: Unpack = { ...pageUnpack, flipY: !asBitmap && pageUnpack.flipY, premultiply: !asBitmap && pageUnpack.premultiply, alignment: 1, rowLength: 0, skipPixels: 0, skipRows: 0 };
    // A large image is decoded off the main thread (track): its texture is left empty until the stand-in comes.
    const deferred = channels && w * h >= DEFER_PX ? fileOf(picture) : null;
    let result: unknown;
    try {
      if (deferred) {
        // Empty (black) at the right size; a sub-image upload keeps what was there (empty, or a picture FaceVeil blurred).
        if (call === 'texImage2D') result = apply(native, gl, [u.target, u.level, args[2], w, h, 0, u.format, u.type, null]);
      } else if (channels) {
        const bytes = mosaicBytes(picture, w, h, channels);
        const sized = call === 'texImage2D' ? [u.target, u.level, args[2], w, h, 0, u.format, u.type, bytes] : [u.target, u.level, u.x, u.y, w, h, u.format, u.type, bytes];
        writeUnpack(gl, n, bytesUnpack, webgl2);
        try {
          result = apply(native, gl, sized);
        } finally {
          writeUnpack(gl, n, pageUnpack, webgl2);
        }
      } else {
        const standIn = blurredStandIn(picture, w, h);
        const replaced = args.slice();
        replaced[u.sourceIndex] = standIn;
        try {
          result = apply(native, gl, replaced);
        } finally {
          release(standIn);
        }
      }
    } catch {
      return apply(native, gl, args); // not drawable (broken, closed): the page's own call fails the same way
    }
    track(gl, n, u, bind, picture, channels, channels ? bytesUnpack : pageUnpack, deferred);
    return result;
  }

  /**
   * Remembers the upload and sends its snapshot to be scanned. A large image (`deferred`) is decoded from its file off
   * the main thread, and its stand-in uploaded strip by strip; if the file cannot be had, through the element.
   */
  function track(gl: GL, n: Natives, u: Upload, bind: number, picture: Picture, channels: Channels | null, unpack: Unpack, deferred: FileRef | null): void {
    const texture = apply(n.getParameter, gl, [bindingOf(gl, bind)]) as WebGLTexture | null;
    if (!texture || pending.size >= MAX_PENDING) return; // stays blurred: safe, only less sharp
    const slot = `${u.target}:${u.level}:${u.x}:${u.y}`;
    const slots = latest.get(texture) ?? new Map<string, number>();
    latest.set(texture, slots);
    const id = nextId++;
    slots.set(slot, id);
    const { w, h } = pictureSize(picture);
    const entry: Pending = { gl, texture, upload: u, channels, unpack, asBitmap: isBitmap(picture), slot, w, h };
    pending.set(id, entry);
    const tile = tileNameOf(picture, w, h); // now: viewers load the next tile into the same image right after
    const taken = deferred ? takeLarge(id, entry, picture, deferred) : snapshot(picture);
    taken
      .then((shot) => {
        if (pending.get(id) !== entry) return shot.close();
        entry.shot = shot;
        // A texture uploaded over and over (a canvas redrawn every frame) is not scanned every time: one scan per slot
        // at a time, and the latest upload waits for it; the ones in between stay blurred until overwritten.
        const same = sameSlot(entry);
        for (const [otherId, other] of same) if (otherId < id && !other.offered) forget(otherId, other);
        if (same.some(([otherId, other]) => otherId !== id && other.offered)) return;
        if (cubeFaceOf(u.target) !== null && u.level === 0) return cubeFaceReady(texture);
        if (tile && u.level === 0) {
          entry.tiled = true;
          tiles.add(id, tile, shot);
          nativeSetTimeout(() => pending.get(id) === entry && send(id, entry).catch(() => forget(id, entry)), TILE_WAIT_MS);
          return;
        }
        return send(id, entry);
      })
      .catch(() => forget(id, entry)); // stays blurred
  }

  /** A large image's snapshot from its file, its stand-in uploaded meanwhile (through the element if the file fails). */
  async function takeLarge(id: number, entry: Pending, picture: Picture, ref: FileRef): Promise<ImageBitmap> {
    const decoded = await decodeFile(ref, entry.w, entry.h);
    const shot = decoded?.shot ?? (await snapshot(picture));
    entry.file = decoded?.file;
    const cells = cellColours(decoded?.cells ?? shot, entry.w, entry.h);
    decoded?.cells.close();
    uploadStrips(id, entry, mosaicStrips(cells, entry.w, entry.h, entry.channels!), 'stand-in');
    return shot;
  }

  /**
   * A cube map's faces are scanned padded with their neighbours (a face cut by an edge is then found whole), once all
   * six are in (they are usually uploaded together) or after a short wait.
   */
  const cubeTimers = new WeakMap<WebGLTexture, ReturnType<typeof setTimeout>>();
  function cubeFaceReady(texture: WebGLTexture): void {
    const faces = cubeFaces(texture);
    if (faces.filter(Boolean).length === 6) return sendCube(texture);
    if (!cubeTimers.has(texture)) cubeTimers.set(texture, nativeSetTimeout(() => sendCube(texture), CUBE_WAIT_MS));
  }

  /** The latest level-0 upload of each face of `texture` that has its snapshot and waits to be sent. */
  function cubeFaces(texture: WebGLTexture): ([number, Pending] | null)[] {
    const faces: ([number, Pending] | null)[] = [null, null, null, null, null, null];
    for (const [id, entry] of pending) {
      const face = cubeFaceOf(entry.upload.target);
      if (entry.texture === texture && face !== null && entry.upload.level === 0 && entry.shot && !entry.offered) faces[face] = [id, entry];
    }
    return faces;
  }

  /** Pads and sends the faces one per task (a face padded at 1024 px: about 10 ms). */
  function sendCube(texture: WebGLTexture): void {
    nativeClearTimeout(cubeTimers.get(texture));
    cubeTimers.delete(texture);
    const faces = cubeFaces(texture);
    const shots = faces.map((f) => f?.[1].shot ?? null);
    const next = (face: number) => {
      if (face > 5) return;
      const f = faces[face];
      if (f && pending.get(f[0]) === f[1]) send(f[0], f[1], padded(shots, face as CubeFace)).catch(() => forget(...f));
      nativeSetTimeout(() => next(face + 1), 0);
    };
    next(0);
  }

  function sameSlot(entry: Pending): [number, Pending][] {
    return [...pending].filter(([, other]) => other.texture === entry.texture && other.slot === entry.slot);
  }

  /**
   * Offers the snapshot to be scanned: a cube map's face padded (`cube`), a tile padded with the neighbours known by
   * now, else as it is. A padded picture is closed once encoded.
   */
  async function send(id: number, entry: Pending, cube?: PaddedFace): Promise<void> {
    entry.offered = true;
    const tile = entry.tiled ? tiles.padded(id) : null;
    const m = cube?.margin ?? 0;
    const n = cube?.n ?? 0;
    const padded = cube ? { picture: cube.picture, frame: { x: m, y: m, w: n, h: n, W: n + 2 * m, H: n + 2 * m } } : tile;
    entry.pad = padded?.frame;
    entry.around = tile?.around;
    const picture = padded?.picture;
    // A large image's own file is scanned as it is (no encoding on the page's main thread).
    if (!picture && entry.file && isScannableFile(entry.file)) return offer(id, entry.file, entry.w, entry.h);
    const shown = picture ?? entry.shot!;
    const { width, height } = shown;
    const jpeg = await encodeForScan(shown).finally(() => picture?.close());
    if (!jpeg) throw new Error('not encoded');
    if (pending.get(id) === entry) offer(id, jpeg, width, height);
  }

  /** An answer for `entry`'s slot came: the latest upload that waited meanwhile is sent now. */
  function sendWaiting(entry: Pending): void {
    const waiting = sameSlot(entry).filter(([, other]) => other.shot && !other.offered).at(-1);
    if (waiting) send(...waiting).catch(() => forget(...waiting));
  }

  function forget(id: number, entry: Pending): void {
    if (pending.get(id) === entry) pending.delete(id);
    if (entry.tiled) tiles.drop(id);
    else entry.shot?.close();
  }

  /** A tile's snapshot stays with the tile set; any other is closed once its face-only texture is up. */
  function done(entry: Pending): void {
    if (!entry.tiled) entry.shot?.close();
  }

  function facesFound(id: number, found: NormBox[]): void {
    const entry = pending.get(id);
    pending.delete(id);
    if (!entry?.shot) return;
    const mine = entry.pad ? unpad(found, entry.pad) : found;
    sendWaiting(entry);
    const faces = [...mine, ...(entry.faces ?? [])];
    // A numbered picture with no sibling by now (an icon, a texture named by its size) is not kept.
    if (entry.tiled && tiles.releaseIfAlone(id)) entry.tiled = false;
    if (entry.tiled && tiles.has(id)) {
      entry.faces = faces;
      answered.set(id, entry);
      passOn(mine, entry);
    }
    faceOnly(id, entry, faces);
  }

  /** Faces found on a padded tile that reach into its neighbours are blurred in them too (now, or when they are answered). */
  function passOn(faces: NormBox[], entry: Pending): void {
    const { width: w, height: h } = entry.shot!;
    for (const beside of entry.around ?? []) {
      const other = pending.get(beside.id) ?? answered.get(beside.id);
      if (!other) continue;
      const more = passedOn(faces, { w, h }, beside, other.faces ?? []);
      if (!more.length) continue;
      other.faces = [...(other.faces ?? []), ...more];
      if (answered.has(beside.id)) faceOnly(beside.id, other, other.faces);
    }
  }

  /** Whether upload `id` still owns its texture slot, in a live context: else uploads for it are dropped. */
  function usable(id: number, { gl, texture, slot }: Pending): boolean {
    const n = nativesOf(gl);
    return latest.get(texture)?.get(slot) === id && !apply(n.isContextLost, gl, []) && apply(n.isTexture, gl, [texture]);
  }

  /** Uploads the texture again from its snapshot with only `faces` blurred. */
  function faceOnly(id: number, entry: Pending, faces: NormBox[]): void {
    const { gl, upload: u, shot } = entry;
    if (!shot) return;
    entry.answered = true;
    const n = nativesOf(gl);
    if (!usable(id, entry)) return done(entry);
    if (!entry.channels) {
      // texSubImage2D, never texImage2D: textures made with texStorage2D are immutable.
      const picture = withFaces(shot, entry.asBitmap, (canvas) => blurFacesInPlace(canvas, faces, look));
      const args = u.size
        ? [u.target, u.level, u.x, u.y, u.size.w, u.size.h, u.format, u.type, picture]
        : [u.target, u.level, u.x, u.y, u.format, u.type, picture];
      try {
        withUploadState(gl, n, entry, () => apply(n.texSubImage2D, gl, args));
      } finally {
        release(picture);
        done(entry);
      }
      return askForRedraw();
    }
    uploadStrips(id, entry, faceOnlyStrips(shot, faces, look, entry.channels), 'face-only', () => done(entry));
  }

  /**
   * Uploads byte strips into the texture, a task each; a newer upload, a deleted texture or a lost context stops it (the
   * rest keeps what it had); a stand-in also stops once the face-only upload has begun.
   */
  function uploadStrips(id: number, entry: Pending, strips: Iterator<Strip>, kind: 'stand-in' | 'face-only', finished = () => {}): void {
    const { gl, texture, upload: u, w, h } = entry;
    const n = nativesOf(gl);
    const next = () => {
      const going = usable(id, entry) && !(kind === 'stand-in' && entry.answered);
      const strip = going ? strips.next() : { done: true as const, value: undefined };
      if (strip.done) {
        if (going) {
          if (mipmapped.has(texture) && u.level === 0) withUploadState(gl, n, entry, () => apply(n.generateMipmap, gl, [bindingTarget(u.target, gl)]));
          askForRedraw();
        }
        return finished();
      }
      const { y, rows, bytes } = strip.value;
      // With FLIP_Y the picture's first row lands on the texture's last: so does each strip.
      const destY = u.y + (entry.unpack.flipY ? h - y - rows : y);
      withUploadState(gl, n, entry, () => apply(n.texSubImage2D, gl, [u.target, u.level, u.x, destY, w, rows, u.format, u.type, bytes]));
      nativeSetTimeout(next, 0);
    };
    next();
  }

  /** Runs `fn` with the texture bound and the upload's unpack settings, then puts every value back (engines cache them). */
  function withUploadState(gl: GL, n: Natives, entry: Pending, fn: () => void): void {
    const bind = bindingTarget(entry.upload.target, gl)!;
    const webgl2 = n === natives2;
    const get = (p: number) => apply(n.getParameter, gl, [p]) as unknown;
    const savedTexture = get(bindingOf(gl, bind));
    const savedUnpack = readUnpack(gl, n);
    const g2 = gl as WebGL2RenderingContext;
    const savedBuffer = webgl2 ? get(g2.PIXEL_UNPACK_BUFFER_BINDING) : null;
    apply(n.bindTexture, gl, [bind, entry.texture]);
    if (webgl2) apply(n.bindBuffer, gl, [g2.PIXEL_UNPACK_BUFFER, null]);
    writeUnpack(gl, n, entry.unpack, webgl2);
    try {
      fn();
      if (!entry.channels && mipmapped.has(entry.texture) && entry.upload.level === 0) apply(n.generateMipmap, gl, [bind]);
    } finally {
      writeUnpack(gl, n, savedUnpack, webgl2);
      if (webgl2) apply(n.bindBuffer, gl, [g2.PIXEL_UNPACK_BUFFER, savedBuffer]);
      apply(n.bindTexture, gl, [bind, savedTexture]);
    }
  }

  /**
   * Viewers that draw only on demand (Pannellum, Marzipano) would keep showing the stand-in until the user moves: a
   * window 'resize' (no size changed) makes them draw again. Once per batch of uploads.
   */
  let redrawAsked = false;
  function askForRedraw(): void {
    if (redrawAsked) return;
    redrawAsked = true;
    nativeSetTimeout(() => {
      redrawAsked = false;
      apply(dispatchEvent, window, [new NativeEvent('resize')]);
    }, 0);
  }

  return {
    setLook(nextOn, nextLook) {
      on = nextOn;
      look = nextLook;
    },
    facesFound,
    keepBlurred(id) {
      const entry = pending.get(id);
      if (!entry) return;
      forget(id, entry);
      sendWaiting(entry);
    },
    offerAgain() {
      for (const [id, entry] of pending) if (entry.offered) send(id, entry).catch(() => forget(id, entry));
    },
  };
}

/** Faces found on a padded picture, as fractions of the picture itself (those reaching into it; they may overhang). */
function unpad(faces: NormBox[], { x, y, w, h, W, H }: Frame): NormBox[] {
  return faces
    .map((f) => ({ x: (f.x * W - x) / w, y: (f.y * H - y) / h, w: (f.w * W) / w, h: (f.h * H) / h }))
    .filter((f) => f.x < 1 && f.y < 1 && f.x + f.w > 0 && f.y + f.h > 0);
}

/** The padded face, or undefined (scanned alone) when a neighbour's snapshot is gone already (answered and closed). */
function padded(shots: (ImageBitmap | null)[], face: CubeFace): PaddedFace | undefined {
  try {
    return padCubeFace(shots, face) ?? undefined;
  } catch {
    return undefined;
  }
}
