import { describe, expect, it } from 'vitest';
import type { Face } from '@/lib/face';
import { buildSuccessResponse, clipBox, serviceFaces, SERVICE_MIN_PROBABILITY } from '@/lib/faceblurest/response';
import { FACE_TAG_ID, FACE_TAG_NAME } from '@/lib/faceblurest/types';
import { parseResponse, toFaces } from '@/lib/faceblurest/validate';

// The success example of the contract (/work/shared/faceblurest-api.md), verbatim but for final_photo.
const CONTRACT_EXAMPLE = {
  created: '2020-05-02T12:28:09.989Z',
  predictions: [
    {
      probability: 0.6109611,
      tagId: '6b333d95-e461-4155-890c-9921158f7d17',
      tagName: 'Human Face',
      boundingBox: { left: 0.2416, top: 0.2653, width: 0.1373, height: 0.2831 },
      boundingBoxPhoto: '',
    },
  ],
  final_photo: '/9j/4AAQSkZJRg==',
};

/** The JSON "shape": the same keys in the same order, with the same value types, all the way down. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => [k, shape(v)]);
  return typeof value;
}

const face = (x: number, y: number, w: number, h: number, score: number): Face => ({ box: { x, y, w, h }, score });
const created = new Date('2020-05-02T12:28:09.989Z');

describe('buildSuccessResponse', () => {
  it('has exactly the shape of the contract example', () => {
    const response = buildSuccessResponse([face(0.2416, 0.2653, 0.1373, 0.2831, 0.6109611)], '/9j/4AAQSkZJRg==', created);
    expect(shape(response)).toEqual(shape(CONTRACT_EXAMPLE));
    expect(response).toEqual(CONTRACT_EXAMPLE);
    expect(JSON.parse(JSON.stringify(response))).toEqual(CONTRACT_EXAMPLE);
  });

  it('stamps the request time as ISO-8601 and uses the service tag for every prediction', () => {
    const response = buildSuccessResponse([face(0.1, 0.1, 0.2, 0.2, 0.9), face(0.5, 0.5, 0.1, 0.1, 0.7)], '', new Date(0));
    expect(response.created).toBe('1970-01-01T00:00:00.000Z');
    for (const p of response.predictions) {
      expect(p.tagId).toBe(FACE_TAG_ID);
      expect(p.tagName).toBe(FACE_TAG_NAME);
      expect(p.boundingBoxPhoto).toBe('');
    }
  });

  it('keeps only predictions strictly above 0.20, as the service does, most probable first', () => {
    const faces = [face(0, 0, 0.1, 0.1, 0.2), face(0, 0, 0.1, 0.1, 0.19), face(0.1, 0, 0.1, 0.1, 0.2001), face(0.2, 0, 0.1, 0.1, 0.95)];
    const response = buildSuccessResponse(faces, '', created);
    expect(SERVICE_MIN_PROBABILITY).toBe(0.2);
    expect(response.predictions.map((p) => p.probability)).toEqual([0.95, 0.2001]);
    expect(serviceFaces(faces).map((f) => f.score)).toEqual([0.2001, 0.95]);
  });

  it('clips boxes to the image and drops boxes with nothing inside it', () => {
    const response = buildSuccessResponse(
      [face(-0.1, 0.95, 0.3, 0.2, 0.9), face(0.9, -0.05, 0.3, 0.1, 0.8), face(1.2, 0.5, 0.1, 0.1, 0.7), face(Number.NaN, 0, 0.1, 0.1, 0.6)],
      '',
      created,
    );
    expect(response.predictions).toHaveLength(2);
    const [a, b] = response.predictions.map((p) => p.boundingBox);
    expect(a!.left).toBe(0);
    expect(a!.top).toBeCloseTo(0.95);
    expect(a!.width).toBeCloseTo(0.2);
    expect(a!.height).toBeCloseTo(0.05);
    expect(b!.left).toBeCloseTo(0.9);
    expect(b!.top).toBe(0);
    expect(b!.width).toBeCloseTo(0.1);
    expect(b!.height).toBeCloseTo(0.05);
    for (const box of [a!, b!]) {
      expect(Math.min(box.left, box.top, box.width, box.height)).toBeGreaterThanOrEqual(0);
      expect(box.left + box.width).toBeLessThanOrEqual(1);
      expect(box.top + box.height).toBeLessThanOrEqual(1);
    }
    expect(clipBox({ x: 0, y: 0, w: 0, h: 0.5 })).toBeNull();
  });

  it('passes the extension’s own validator of service answers, boxes unchanged', () => {
    const faces = [face(0.1, 0.2, 0.3, 0.4, 0.9), face(0.7, 0.1, 0.2, 0.25, 0.35)];
    const parsed = parseResponse(200, JSON.stringify(buildSuccessResponse(faces, 'AAAA', created)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(toFaces(parsed.predictions)).toEqual(faces);
  });
});
