// The overloads of texImage2D / texSubImage2D as the texture hook reads them.
import { describe, expect, it } from 'vitest';
import { bindingTarget, isOpaquePhotoUpload, readUpload } from '@/lib/texture/upload-args';

const PICTURE = { picture: true };
const isPicture = (v: unknown) => v === PICTURE;
const GL = { TEXTURE_2D: 0x0de1, TEXTURE_CUBE_MAP: 0x8513, TEXTURE_CUBE_MAP_POSITIVE_X: 0x8515, TEXTURE_CUBE_MAP_NEGATIVE_Z: 0x851a };
const [RGB, RGBA, UNSIGNED_BYTE, FLOAT, ALPHA] = [0x1907, 0x1908, 0x1401, 0x1406, 0x1906];
const COLOUR = { formats: [RGB, RGBA], type: UNSIGNED_BYTE };

describe('readUpload', () => {
  it('reads the 6-argument texImage2D (WebGL1 and 2)', () => {
    expect(readUpload('texImage2D', [GL.TEXTURE_2D, 0, RGBA, RGBA, UNSIGNED_BYTE, PICTURE], isPicture)).toEqual({
      call: 'texImage2D', target: GL.TEXTURE_2D, level: 0, x: 0, y: 0, format: RGBA, type: UNSIGNED_BYTE, sourceIndex: 5, size: null,
    });
  });

  it('reads the sized 9-argument texImage2D with a picture (WebGL2)', () => {
    const u = readUpload('texImage2D', [GL.TEXTURE_2D, 0, 0x8058, 640, 480, 0, RGBA, UNSIGNED_BYTE, PICTURE], isPicture);
    expect(u).toMatchObject({ sourceIndex: 8, size: { w: 640, h: 480 }, format: RGBA, x: 0, y: 0 });
  });

  it('reads both texSubImage2D forms with their offsets (three.js uploads into texStorage2D this way)', () => {
    expect(readUpload('texSubImage2D', [GL.TEXTURE_2D, 0, 16, 32, RGBA, UNSIGNED_BYTE, PICTURE], isPicture)).toMatchObject({
      x: 16, y: 32, sourceIndex: 6, size: null,
    });
    expect(readUpload('texSubImage2D', [GL.TEXTURE_2D, 0, 0, 0, 4096, 2048, RGBA, UNSIGNED_BYTE, PICTURE], isPicture)).toMatchObject({
      sourceIndex: 8, size: { w: 4096, h: 2048 },
    });
  });

  it('leaves out raw bytes, buffer offsets, null and malformed calls', () => {
    const bytes = new Uint8Array(16);
    expect(readUpload('texImage2D', [GL.TEXTURE_2D, 0, RGBA, 2, 2, 0, RGBA, UNSIGNED_BYTE, bytes], isPicture)).toBeNull();
    expect(readUpload('texImage2D', [GL.TEXTURE_2D, 0, RGBA, 2, 2, 0, RGBA, UNSIGNED_BYTE, bytes, 4], isPicture)).toBeNull();
    expect(readUpload('texSubImage2D', [GL.TEXTURE_2D, 0, 0, 0, 2, 2, RGBA, UNSIGNED_BYTE, 0], isPicture)).toBeNull();
    expect(readUpload('texImage2D', [GL.TEXTURE_2D, 0, RGBA, 2, 2, 0, RGBA, UNSIGNED_BYTE, null], isPicture)).toBeNull();
    expect(readUpload('texImage2D', [GL.TEXTURE_2D, 0, RGBA, RGBA, PICTURE], isPicture)).toBeNull();
    expect(readUpload('texSubImage2D', [GL.TEXTURE_2D, '0', 0, 0, RGBA, UNSIGNED_BYTE, PICTURE], isPicture)).toBeNull();
    expect(readUpload('texSubImage2D', [GL.TEXTURE_2D, 0, -1, 0, RGBA, UNSIGNED_BYTE, PICTURE], isPicture)).toBeNull();
  });
});

describe('isOpaquePhotoUpload', () => {
  const big = (format: number, type: number, pixels: unknown) => [GL.TEXTURE_2D, 0, RGBA, 1024, 512, 0, format, type, pixels];

  it('flags large colour uploads from raw bytes or a pixel buffer', () => {
    expect(isOpaquePhotoUpload('texImage2D', big(RGBA, UNSIGNED_BYTE, new Uint8Array(4)), 256, COLOUR)).toBe(true);
    expect(isOpaquePhotoUpload('texImage2D', big(RGB, UNSIGNED_BYTE, 0), 256, COLOUR)).toBe(true);
    expect(isOpaquePhotoUpload('texSubImage2D', [GL.TEXTURE_2D, 0, 0, 0, 300, 300, RGBA, UNSIGNED_BYTE, new Uint8Array(4)], 256, COLOUR)).toBe(true);
  });

  it('leaves data textures, small ones, allocations and pictures alone', () => {
    expect(isOpaquePhotoUpload('texImage2D', big(RGBA, FLOAT, new Float32Array(4)), 256, COLOUR)).toBe(false);
    expect(isOpaquePhotoUpload('texImage2D', big(ALPHA, UNSIGNED_BYTE, new Uint8Array(4)), 256, COLOUR)).toBe(false);
    expect(isOpaquePhotoUpload('texImage2D', [GL.TEXTURE_2D, 0, RGBA, 128, 128, 0, RGBA, UNSIGNED_BYTE, new Uint8Array(4)], 256, COLOUR)).toBe(false);
    expect(isOpaquePhotoUpload('texImage2D', big(RGBA, UNSIGNED_BYTE, null), 256, COLOUR)).toBe(false);
    expect(isOpaquePhotoUpload('texImage2D', big(RGBA, UNSIGNED_BYTE, PICTURE), 256, COLOUR)).toBe(false);
  });
});

describe('bindingTarget', () => {
  it('binds cube-map faces as the cube map and refuses other targets', () => {
    expect(bindingTarget(GL.TEXTURE_2D, GL)).toBe(GL.TEXTURE_2D);
    expect(bindingTarget(GL.TEXTURE_CUBE_MAP_POSITIVE_X + 3, GL)).toBe(GL.TEXTURE_CUBE_MAP);
    expect(bindingTarget(0x806f /* TEXTURE_3D */, GL)).toBeNull();
  });
});
