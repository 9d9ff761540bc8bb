// Build-time step: copies the BlazeFace .tflite models into outDir with the TFLite metadata MediaPipe tasks-vision requires.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { attachFaceDetectorMetadata } from '../lib/model/tflite-metadata';

const MODELS = [
  { file: 'face_detection_full_range.tflite', name: 'BlazeFace full range' },
  { file: 'face_detection_short_range.tflite', name: 'BlazeFace short range' },
] as const;

/** Default source: the @mediapipe/face_detection package, resolved from this file (not from cwd). */
function faceDetectionDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@mediapipe/face_detection/package.json'));
}

/** Writes both processed models into outDir and returns their paths. */
export async function buildModels(outDir: string, srcDir: string = faceDetectionDir()): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  return Promise.all(
    MODELS.map(async ({ file, name }) => {
      const model = new Uint8Array(await readFile(join(srcDir, file)));
      const out = join(outDir, file);
      await writeFile(out, attachFaceDetectorMetadata(model, { name }));
      return out;
    }),
  );
}
