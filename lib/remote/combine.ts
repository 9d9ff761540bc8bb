// The scan result a page gets from on-device and remote answers: the union when both worked, else whichever did.
import { mergeDetections } from '../detect/merge';
import type { ScanResult } from '../messages';
import type { RemoteScan } from './remote-scan';

type Ok = Extract<ScanResult, { ok: true }>;

/**
 * When the service saw the image file itself, no rescan at a larger view would find more: it covers every view
 * (minFacePx 0). When it saw the page's pixels, shrunk to the view, it covers what the request asked for.
 */
export function remoteToScan(remote: Extract<RemoteScan, { ok: true }>, askedPx: number): Ok {
  const minFacePx = remote.wholeFile ? 0 : askedPx;
  return { ok: true, faces: remote.faces, width: remote.width, height: remote.height, ms: remote.ms, minFacePx, cached: remote.cached };
}

/**
 * Source "both": a face either detector found is blurred. Overlapping boxes of one face are merged by
 * the same suppression the tiles use, the higher-scoring box kept. A remote failure never costs the
 * page its on-device result; an on-device failure (e.g. undecodable here) still uses the remote one.
 */
export function combineBoth(local: ScanResult, remote: RemoteScan, askedPx: number): ScanResult {
  if (!remote.ok) return local;
  if (!local.ok) return remoteToScan(remote, askedPx);
  return {
    ...local,
    faces: mergeDetections([...local.faces, ...remote.faces]),
    ms: Math.max(local.ms, remote.ms),
    cached: local.cached && remote.cached,
  };
}
