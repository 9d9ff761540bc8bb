// The app's one flow: a photo source → the request JSON → the worker (with progress) → the response JSON and the blurred photo.
import { useEffect, useRef, useState } from 'preact/hooks';
import { buildSuccessResponse } from '@/lib/faceblurest/response';
import type { RequestBody, SuccessResponse } from '@/lib/faceblurest/types';
import { blobToBase64, shortBase64Of } from '@/lib/photo/base64';
import { checkPhotoSize } from '@/lib/photo/limits';
import { requestBody } from '@/lib/photo/json';
import type { AnyProgress } from '@/lib/photo/progress';
import type { BlurResult, PhotoService } from '@/lib/photo/protocol';
import { nameFromUrl } from '@/lib/photo/names';
import { checkPhotoUrl } from '@/lib/photo/validate';
import { phraseOf, PhraseError, type Phrase } from '@/lib/phrase';

export type Source = { kind: 'file'; file: File } | { kind: 'url'; url: string };

export interface Run {
  source: Source;
  name: string;
  /** The original photo: the file, or what the URL served. */
  photo: Blob;
  /** The request as shown (photo base64 shortened). */
  request: RequestBody;
  /** The full response, final_photo included. */
  response: SuccessResponse;
  result: BlurResult;
  /** Object URL of the blurred JPEG, for the preview and the JPEG download. */
  previewUrl: string;
  totalMs: number;
}

export type RunState =
  | { status: 'idle' }
  | { status: 'working'; source: Source; request: RequestBody; progress: AnyProgress }
  | { status: 'failed'; source: Source; request: RequestBody | null; message: Phrase }
  | { status: 'done'; run: Run };

/** The request with the photo's base64 shortened, built from the file's first bytes only. */
async function displayRequest(source: Source): Promise<RequestBody> {
  if (source.kind === 'url') return requestBody(source);
  const head = new Uint8Array(await source.file.slice(0, 64).arrayBuffer());
  return { base64_Photo_String: shortBase64Of(head, source.file.size), photo_url: 'NO' };
}

/** The full request JSON, for Copy: a large file's base64 is built only when asked for. */
export async function fullRequest(source: Source): Promise<RequestBody> {
  return source.kind === 'url' ? requestBody(source) : requestBody({ kind: 'file', base64: await blobToBase64(source.file) });
}

export function useBlurRun(service: PhotoService): [RunState, (source: Source) => Promise<void>] {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const generation = useRef(0);
  const previewUrl = state.status === 'done' ? state.run.previewUrl : null;
  useEffect(() => () => void (previewUrl && URL.revokeObjectURL(previewUrl)), [previewUrl]);

  async function start(source: Source): Promise<void> {
    const mine = ++generation.current;
    const update = (next: RunState) => void (generation.current === mine && setState(next));
    const started = performance.now();
    const created = new Date(); // the service stamps the time of the request
    let request: RequestBody | null = null;
    try {
      let name: string;
      if (source.kind === 'url') {
        const checked = checkPhotoUrl(source.url);
        if (!checked.ok) throw new PhraseError(checked.message);
        source = { kind: 'url', url: checked.url };
        name = nameFromUrl(checked.url);
      } else {
        name = source.file.name;
        const size = checkPhotoSize(source.file.size, name);
        if (size) throw new PhraseError(size);
      }
      const shown = await displayRequest(source);
      request = shown;
      update({ status: 'working', source, request: shown, progress: { stage: source.kind === 'url' ? 'fetching' : 'reading' } });
      const photo = source.kind === 'url' ? await service.fetchPhoto(source.url, name) : source.file;
      const result = await service.blur(photo, name, (progress) => update({ status: 'working', source, request: shown, progress }));
      update({ status: 'working', source, request: shown, progress: { stage: 'finishing' } });
      const response = buildSuccessResponse(result.faces, await blobToBase64(result.jpeg), created);
      if (generation.current !== mine) return; // a newer photo took over; this one's preview URL is never made
      const previewUrl = URL.createObjectURL(result.jpeg);
      setState({ status: 'done', run: { source, name, photo, request: shown, response, result, previewUrl, totalMs: performance.now() - started } });
    } catch (error) {
      update({ status: 'failed', source, request, message: phraseOf(error) });
    }
  }
  return [state, start];
}
