// The detector facade over fake engines: which engine runs for each choice, what each is asked for, merging, the floor, progress.
import { describe, expect, it } from 'vitest';
import { createFaceDetector, DETECTOR_FLOOR } from '@/lib/detect/detector';
import type { Engine, EngineName, EngineRequest } from '@/lib/detect/engine';
import type { Face } from '@/lib/face';

const face = (x: number, score: number): Face => ({ box: { x, y: 0.2, w: 0.1, h: 0.1 }, score });
const image = { width: 800, height: 600 } as ImageBitmap;

/** An engine that reports its levels and calls, then returns `faces`; it records what it was asked. */
function fake(name: EngineName, levels: Face[][], asked: EngineRequest[]): Engine {
  return {
    name,
    plannedCalls: () => levels.length,
    async detect(_image, request) {
      asked.push(request);
      for (const [i, faces] of levels.entries()) {
        request.onCall?.();
        if (i < levels.length - 1) request.onLevel?.(faces);
      }
      return { faces: levels.at(-1)!, calls: levels.length, minFacePx: request.minFacePx * 2 };
    },
  };
}

function setup(yunet: Face[][], blazeface: Face[][]) {
  const asked: Record<EngineName, EngineRequest[]> = { yunet: [], blazeface: [] };
  const loaded: EngineName[] = [];
  const detector = createFaceDetector(async (name) => {
    loaded.push(name);
    return fake(name, name === 'yunet' ? yunet : blazeface, asked[name]);
  });
  return { detector, asked, loaded };
}

describe('createFaceDetector', () => {
  it('runs the one engine chosen, at the smallest face asked for, and drops scores under the floor', async () => {
    const { detector, asked, loaded } = setup([[face(0.1, 0.9), face(0.5, DETECTOR_FLOOR / 2)]], [[face(0.7, 0.9)]]);
    const result = await detector.detect(image, { detector: 'yunet', minFacePx: 12 });
    expect(loaded).toEqual(['yunet']);
    expect(asked.yunet[0]!.minFacePx).toBe(12);
    expect(result).toEqual({ faces: [face(0.1, 0.9)], calls: 1, minFacePx: 24 });
  });

  it('in the union, adds BlazeFace whole-image faces to YuNet and keeps one box per face', async () => {
    const { detector, asked } = setup([[face(0.1, 0.8)]], [[face(0.11, 0.9), face(0.6, 0.7)]]);
    const result = await detector.detect(image, { detector: 'yunet+blazeface', minFacePx: 10 });
    expect(asked.yunet[0]!.minFacePx).toBe(10);
    expect(asked.blazeface[0]!.minFacePx).toBe(800); // one call on the whole image
    expect(result.faces.map((f) => f.score)).toEqual([0.9, 0.7]);
    expect(result.calls).toBe(2);
    expect(result.minFacePx).toBe(20); // what YuNet reached: BlazeFace's whole-image call only adds big faces
  });

  it('reports faces after each coarse level and every call against the plan', async () => {
    const { detector } = setup([[face(0.1, 0.9)], [face(0.1, 0.9), face(0.5, 0.6)]], [[face(0.8, 0.5)]]);
    const progress: number[] = [];
    const calls: string[] = [];
    await detector.detect(image, {
      detector: 'yunet+blazeface',
      minFacePx: 10,
      onProgress: (faces) => progress.push(faces.length),
      onCall: (done, planned) => calls.push(`${done}/${planned}`),
    });
    expect(progress).toEqual([1, 2]); // YuNet's coarse level, then YuNet done (BlazeFace still to come)
    expect(calls).toEqual(['1/3', '2/3', '3/3']);
  });
});
