// Tests for parsing and validating the evaluation labels.json.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLabels } from '../../lib/eval/labels';
import { matchImage } from '../../lib/eval/match';
import { summarize } from '../../lib/eval/metrics';

const image = (extra: Record<string, unknown> = {}) => ({
  file: 'wider/a.jpg',
  width: 1024,
  height: 768,
  source: 'test',
  faces: [{ x: 1, y: 2, w: 30, h: 36, ignore: false }],
  ...extra,
});

describe('parseLabels', () => {
  it('reads images and faces, keeps optional keys it knows, ignores the rest', () => {
    const labels = parseLabels({
      version: 3,
      images: [
        image({ kind: 'group', background_unlabelled: true, note: 'crowd', faces: [{ x: 0, y: 0, w: 5, h: 6, ignore: true, reason: 'tiny', attrs: { blur: 1 } }] }),
        image({ file: 'b.jpg' }),
      ],
    });
    expect(labels.images[0]).toEqual({
      file: 'wider/a.jpg', width: 1024, height: 768, source: 'test', kind: 'group', backgroundUnlabelled: true,
      faces: [{ x: 0, y: 0, w: 5, h: 6, ignore: true, reason: 'tiny' }],
    });
    expect(labels.images[1]).toMatchObject({ file: 'b.jpg', backgroundUnlabelled: false });
    expect(labels.images[1]!.kind).toBeUndefined();
  });

  it('names the bad entry in its errors', () => {
    expect(() => parseLabels([])).toThrow('expected an object with an "images" array');
    expect(() => parseLabels({ images: [42] })).toThrow('images[0]: expected an object, got 42');
    expect(() => parseLabels({ images: [image({ file: undefined })] })).toThrow('images[0].file: expected a string, got nothing');
    expect(() => parseLabels({ images: [image({ height: 0 })] })).toThrow('images[0] (wider/a.jpg).height: expected a positive number, got 0');
    const badFace = image({ faces: [{ x: 0, y: 0, w: 5, h: 5, ignore: false }, { x: 0, y: 0, w: '5', h: 5, ignore: false }] });
    expect(() => parseLabels({ images: [badFace] })).toThrow('images[0] (wider/a.jpg).faces[1].w: expected a positive number, got "5"');
    expect(() => parseLabels({ images: [image({ faces: [{ x: 0, y: 0, w: 5, h: 5 }] })] })).toThrow('faces[0].ignore: expected true or false, got nothing');
    expect(() => parseLabels({ images: [image({ background_unlabelled: 'yes' })] })).toThrow('background_unlabelled');
    expect(() => parseLabels({ images: [image(), image()] })).toThrow('file "wider/a.jpg" appears more than once');
  });
});

// The shared development set, when present: its README tables must come out of our bucketing.
const LABELS = '/work/shared/facedata/labels.json';
describe.skipIf(!existsSync(LABELS))('the shared labels.json', () => {
  it('parses and reproduces the README face counts per size bucket', () => {
    const labels = parseLabels(JSON.parse(readFileSync(LABELS, 'utf8')));
    expect(labels.images).toHaveLength(145);
    const summary = summarize(labels.images.map((img) => matchImage(img, [])));
    expect(summary.overall).toEqual({ recall: 0, precision: null, ap: 0, faces: 1146 });
    expect(summary.byKind.panorama).toEqual({ recall: null, precision: null, ap: null, faces: 0 });
    const faces = (b: Record<string, { faces: number }>) => Object.values(b).map((x) => x.faces);
    expect(faces(summary.byPixelHeight)).toEqual([351, 342, 273, 125, 55]);
    expect(faces(summary.byRelativeHeight)).toEqual([46, 245, 331, 224, 177 + 109 + 14]);
  });
});
