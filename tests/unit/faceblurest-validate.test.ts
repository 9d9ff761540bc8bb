// Unit tests for parsing untrusted FaceBlurest answers (lib/faceblurest/validate.ts).
import { describe, expect, it } from 'vitest';
import { MAX_PREDICTIONS, parseResponse, toFaces } from '../../lib/faceblurest/validate';
import type { Prediction } from '../../lib/faceblurest/types';
import { english } from './support/english';

// The contract's example response, verbatim apart from final_photo.
const EXAMPLE = `{
  "created": "2020-05-02T12:28:09.989Z",
  "predictions": [
    {
      "probability": 0.6109611,
      "tagId": "6b333d95-e461-4155-890c-9921158f7d17",
      "tagName": "Human Face",
      "boundingBox": { "left": 0.2416, "top": 0.2653, "width": 0.1373, "height": 0.2831 },
      "boundingBoxPhoto": ""
    }
  ],
  "final_photo": "aGVsbG8="
}`;

const pred = (probability: number, box: Record<string, unknown>) => ({ probability, tagId: 'x', tagName: 'Human Face', boundingBox: box, boundingBoxPhoto: '' });
const body = (predictions: unknown[]) => JSON.stringify({ created: 'now', predictions, final_photo: '' });
const BOX = { left: 0.1, top: 0.2, width: 0.3, height: 0.4 };

describe('parseResponse success', () => {
  it('accepts the contract example', () => {
    const r = parseResponse(200, EXAMPLE);
    expect(r).toEqual({
      ok: true,
      created: '2020-05-02T12:28:09.989Z',
      predictions: [{ probability: 0.6109611, tagId: '6b333d95-e461-4155-890c-9921158f7d17', tagName: 'Human Face',
        boundingBox: { left: 0.2416, top: 0.2653, width: 0.1373, height: 0.2831 }, boundingBoxPhoto: '' }],
    });
  });

  it('accepts an empty predictions list and tolerates a missing/odd created', () => {
    expect(parseResponse(200, '{"predictions":[]}')).toEqual({ ok: true, created: '', predictions: [] });
    expect(parseResponse(200, JSON.stringify({ created: 'x'.repeat(1e5), predictions: [] }))).toMatchObject({ ok: true, created: '' });
  });

  it('clips boxes that extend past the right/bottom edge and drops empty ones', () => {
    const r = parseResponse(200, body([pred(0.9, { left: 0.8, top: 0.9, width: 0.5, height: 0.3 }), pred(0.9, { left: 1, top: 0.5, width: 0.1, height: 0.1 }), pred(0.9, { ...BOX, width: 0 })]));
    expect(r.ok && r.predictions.length).toBe(1);
    const box = r.ok ? r.predictions[0]!.boundingBox : null;
    expect(box).toMatchObject({ left: 0.8, top: 0.9 });
    expect(box!.width).toBeCloseTo(0.2, 12);
    expect(box!.height).toBeCloseTo(0.1, 12);
  });

  it('truncates long tag strings and drops huge boundingBoxPhoto', () => {
    const r = parseResponse(200, body([{ ...pred(0.5, BOX), tagName: 'A'.repeat(10_000), boundingBoxPhoto: 'B'.repeat(10_000) }]));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.predictions[0]!.tagName.length).toBeLessThanOrEqual(64);
      expect(r.predictions[0]!.boundingBoxPhoto).toBe('');
    }
  });
});

describe('parseResponse hostile or broken answers → invalid-response', () => {
  const invalid: Array<[string, string]> = [
    ['non-JSON', '<html>oops</html>'],
    ['empty', ''],
    ['JSON null', 'null'],
    ['a number', '42'],
    ['no predictions', '{"created":"x"}'],
    ['predictions not a list', '{"predictions":{"0":1}}'],
    ['prediction not an object', body([1])],
    ['probability as string', body([pred('0.5' as unknown as number, BOX)])],
    ['probability > 1', body([pred(1.5, BOX)])],
    ['probability < 0', body([pred(-0.1, BOX)])],
    ['probability Infinity (1e999)', body([pred(0.5, BOX)]).replace('0.5', '1e999')],
    ['missing box', body([{ probability: 0.5 }])],
    ['box field null', body([pred(0.5, { ...BOX, left: null })])],
    ['box left < 0', body([pred(0.5, { ...BOX, left: -0.2 })])],
    ['box top > 1', body([pred(0.5, { ...BOX, top: 1.5 })])],
    ['negative width', body([pred(0.5, { ...BOX, width: -0.1 })])],
    ['height > 1', body([pred(0.5, { ...BOX, height: 3 })])],
    ['tagId not a string', body([{ ...pred(0.5, BOX), tagId: { a: 1 } }])],
    ['too many predictions', body(Array.from({ length: MAX_PREDICTIONS + 1 }, () => pred(0.5, BOX)))],
    ['empty error array', '[]'],
    ['error array without cd', '[{"description":"x"}]'],
  ];
  it.each(invalid)('%s', (_name, text) => {
    const r = parseResponse(200, text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('invalid-response');
      expect(r.error.fallback).toBe(true);
    }
  });

  it('refuses an absurdly large body without parsing it', () => {
    const r = parseResponse(200, ' '.repeat(17 * 1024 * 1024));
    expect(!r.ok && r.error.kind).toBe('invalid-response');
  });

  it('never throws, whatever it is given', () => {
    for (const t of ['{', '[', '"', '{"predictions":[null]}', '[null]', '[{"cd":{}}]', undefined as unknown as string]) {
      expect(() => parseResponse(200, t)).not.toThrow();
    }
  });
});

describe('parseResponse errors and statuses', () => {
  it('maps an error array sent with HTTP 200 or 4xx alike', () => {
    const text = '[{"cd":"1001","description":"Authorization header empty"}]';
    for (const status of [200, 401]) {
      const r = parseResponse(status, text);
      expect(r).toMatchObject({ ok: false, error: { code: '1001', kind: 'auth', status } });
    }
  });

  it('accepts a numeric cd and cleans the description', () => {
    const r = parseResponse(200, JSON.stringify([{ cd: 1016, description: 'bad\u0000\nthing' + 'x'.repeat(5000) }]));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: '1016', kind: 'service' });
      expect(english(r.error.text)).toContain('"bad thing');
      expect(english(r.error.text).length).toBeLessThan(400);
    }
  });

  it('treats 1004 with HTTP 429 as a retryable rate limit, with 200 as a spent quota', () => {
    const text = '[{"cd":"1004","description":"Request quota exceeded"}]';
    expect(parseResponse(429, text)).toMatchObject({ ok: false, error: { kind: 'quota', retryable: true } });
    expect(parseResponse(200, text)).toMatchObject({ ok: false, error: { kind: 'quota', retryable: false } });
  });

  it('maps 5xx and other HTTP errors without an error array', () => {
    expect(parseResponse(500, '<html>Runtime Error</html>')).toMatchObject({ ok: false, error: { kind: 'service', retryable: true, status: 500 } });
    expect(parseResponse(503, EXAMPLE)).toMatchObject({ ok: false, error: { kind: 'service' } });
    expect(parseResponse(404, '')).toMatchObject({ ok: false, error: { kind: 'bad-request', status: 404 } });
    expect(parseResponse(302, '')).toMatchObject({ ok: false, error: { kind: 'unknown' } });
  });
});

describe('toFaces', () => {
  const p = (probability: number): Prediction => ({ probability, tagId: '', tagName: '', boundingBoxPhoto: '', boundingBox: { left: 0.1, top: 0.2, width: 0.3, height: 0.4 } });
  it('maps boxes to NormBox and keeps probability strictly above the threshold', () => {
    expect(toFaces([p(0.9), p(0.2), p(0.1)])).toEqual([{ box: { x: 0.1, y: 0.2, w: 0.3, h: 0.4 }, score: 0.9 }]);
    expect(toFaces([p(0.9), p(0.5)], 0.6)).toHaveLength(1);
    expect(toFaces([p(0.1)], 0)).toHaveLength(1);
  });
});
