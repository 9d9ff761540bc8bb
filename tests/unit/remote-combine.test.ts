// Unit tests for combining on-device and remote answers (lib/remote/combine.ts).
import { describe, expect, it } from 'vitest';
import { networkError } from '@/lib/faceblurest/errors';
import type { ScanResult } from '@/lib/messages';
import { combineBoth, remoteToScan } from '@/lib/remote/combine';
import type { RemoteScan } from '@/lib/remote/remote-scan';

const face = (x: number, score = 0.9) => ({ box: { x, y: 0.2, w: 0.2, h: 0.3 }, score });
const local: ScanResult = { ok: true, faces: [face(0.1), face(0.6, 0.7)], width: 800, height: 600, ms: 120, calls: 3, minFacePx: 10, cached: false };
const remote: RemoteScan = { ok: true, faces: [face(0.62, 0.95), face(0.35, 0.8)], width: 800, height: 600, ms: 400, cached: true, wholeFile: true };
const failed: RemoteScan = { ok: false, error: networkError() };

describe('combineBoth', () => {
  it('blurs the union, one box per face (the higher score wins an overlap)', () => {
    const r = combineBoth(local, remote, 10);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.faces.map((f) => f.box.x).sort()).toEqual([0.1, 0.35, 0.62]);
    expect(r).toMatchObject({ width: 800, height: 600, ms: 400, calls: 3, minFacePx: 10, cached: false });
  });
  it('keeps the on-device result when the remote API failed', () => {
    expect(combineBoth(local, failed, 10)).toBe(local);
  });
  it('uses the remote result when on-device detection failed', () => {
    expect(combineBoth({ ok: false, reason: 'cannot decode' }, remote, 10)).toEqual(remoteToScan(remote as Extract<RemoteScan, { ok: true }>, 10));
  });
  it('passes an on-device failure on when both failed', () => {
    expect(combineBoth({ ok: false, reason: 'x' }, failed, 10)).toEqual({ ok: false, reason: 'x' });
  });
});

describe('remoteToScan', () => {
  it("covers every view only when the service saw the file itself, else what the page's pixels were sent for", () => {
    const ok = remote as Extract<RemoteScan, { ok: true }>;
    expect(remoteToScan(ok, 24).minFacePx).toBe(0);
    expect(remoteToScan({ ...ok, wholeFile: false }, 24).minFacePx).toBe(24);
  });
});
