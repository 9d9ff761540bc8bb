// Parses the processed BlazeFace models back to check the attached TFLite metadata and the untouched original.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Reader } from '../../lib/model/flatbuffer';
import { attachFaceDetectorMetadata, readModelMetadata, TFLITE_METADATA } from '../../lib/model/tflite-metadata';
import { buildModels } from '../../scripts/build-model';

const pkgJson = createRequire(import.meta.url).resolve('@mediapipe/face_detection/package.json');
const load = async (file: string) => new Uint8Array(await readFile(join(pkgJson, '..', file)));

/** Contents of every Buffer.data, so re-pointed old buffers can be compared with the original's. */
function bufferDatas(model: Uint8Array): { start: number; bytes: Uint8Array }[] {
  const r = new Reader(model);
  return r.tables(r.ref(r.root(), 4)).map((t) => {
    const v = r.ref(t, 0);
    return v ? { start: v + 4, bytes: model.subarray(v + 4, v + 4 + r.u32(v)) } : { start: 0, bytes: new Uint8Array() };
  });
}

describe.each([
  ['face_detection_full_range.tflite', 'BlazeFace full range'],
  ['face_detection_short_range.tflite', 'BlazeFace short range'],
])('attachFaceDetectorMetadata(%s)', (file, name) => {
  it('adds a TFLITE_METADATA entry pointing at an M001 ModelMetadata buffer', async () => {
    const original = await load(file);
    const before = readModelMetadata(original);
    expect(before.metadata).toBeNull();
    const out = attachFaceDetectorMetadata(original, { name });
    const after = readModelMetadata(out);

    expect(new TextDecoder().decode(out.subarray(4, 8))).toBe('TFL3');
    expect(after.buffersCount).toBe(before.buffersCount + 1);
    // Existing entries (e.g. min_runtime_version) keep their place; ours is appended.
    expect(after.metadataEntries).toEqual([...before.metadataEntries, { name: TFLITE_METADATA, buffer: before.buffersCount }]);
    expect(after.metadata).toEqual({
      identifier: 'M001',
      minParserVersion: '1.0.0',
      name,
      mean: [127.5],
      std: [127.5],
      colorSpace: 'RGB',
    });
    // TFLite wants Buffer.data 16-byte aligned (force_align: 16).
    expect(bufferDatas(out).at(-1)!.start % 16).toBe(0);
  });

  it('keeps the original bytes intact at a 16-aligned offset and the root fields equal', async () => {
    const original = await load(file);
    const out = attachFaceDetectorMetadata(original, { name });
    const shift = out.length - original.length;
    expect(shift % 16).toBe(0);
    expect(Buffer.compare(out.subarray(shift), original)).toBe(0);

    const { version, description, operatorCodesCount, subgraphsCount } = readModelMetadata(original);
    const after = readModelMetadata(out);
    expect(after).toMatchObject({ version, description, operatorCodesCount, subgraphsCount });
    expect(version).toBe(3);
    expect(subgraphsCount).toBe(1);

    // Every old buffer is re-pointed at its original table: same bytes, same alignment mod 16.
    const old = bufferDatas(original);
    const moved = bufferDatas(out).slice(0, -1);
    expect(moved.length).toBe(old.length);
    moved.forEach((b, i) => {
      expect(Buffer.compare(b.bytes, old[i]!.bytes)).toBe(0);
      if (b.bytes.length) expect(b.start).toBe(old[i]!.start + shift);
    });
  });

  it('refuses an already-processed model unless replace is set', async () => {
    const once = attachFaceDetectorMetadata(await load(file), { name });
    expect(() => attachFaceDetectorMetadata(once, { name })).toThrow(/already has a TFLITE_METADATA/);
    const twice = attachFaceDetectorMetadata(once, { name: 'renamed', replace: true });
    const after = readModelMetadata(twice);
    expect(after.metadataEntries.filter((e) => e.name === TFLITE_METADATA)).toEqual([
      { name: TFLITE_METADATA, buffer: readModelMetadata(once).buffersCount },
    ]);
    expect(after.metadata?.name).toBe('renamed');
  });
});

it('rejects bytes that are not a TFLite model', () => {
  expect(() => attachFaceDetectorMetadata(new Uint8Array(64), { name: 'x' })).toThrow(/TFL3/);
});

it('buildModels writes both processed models', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'faceveil-models-'));
  try {
    const paths = await buildModels(dir);
    expect(paths.map((p) => p.slice(dir.length + 1)).sort()).toEqual([
      'face_detection_full_range.tflite',
      'face_detection_short_range.tflite',
    ]);
    for (const p of paths) {
      const meta = readModelMetadata(new Uint8Array(await readFile(p))).metadata;
      expect(meta?.mean).toEqual([127.5]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
