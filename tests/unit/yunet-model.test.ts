// The vendored YuNet model is the one its provenance names (public/models/README.md), with its licence beside it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSETS } from '@/lib/detect/config';

const PUBLIC = join(import.meta.dirname, '../../public');

describe('vendored YuNet model', () => {
  it('has the SHA-256 of libfacedetection.train onnx/yunet_n_dynamic.onnx at commit 0047ac2', () => {
    const bytes = readFileSync(join(PUBLIC, ASSETS.yunet.model));
    expect(bytes.length).toBe(322_906);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12');
  });

  it('ships with its Apache-2.0 licence and provenance', () => {
    expect(readFileSync(join(PUBLIC, 'models/LICENSE-yunet.txt'), 'utf8')).toContain('Apache License');
    expect(existsSync(join(PUBLIC, 'models/README.md'))).toBe(true);
  });
});
