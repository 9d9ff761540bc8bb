// Fetches a photo by URL for the app page, refusing anything over the size limit before (or while) it downloads.
import { phrase, phraseOf, PhraseError } from '../phrase';
import { MAX_PHOTO_BYTES, tooLargeMessage } from './limits';

/**
 * `fetchImpl` is the page's unguarded fetch (lib/network-guard): the extension's host permission lets it
 * read any image without CORS. Cookies are left out, as the remote service fetching the URL has none.
 */
export async function fetchPhoto(url: string, name: string, fetchImpl: typeof fetch): Promise<Blob> {
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: 'omit', redirect: 'follow' });
  } catch (error) {
    throw new PhraseError(phrase('app.url.fetchFailed', [phraseOf(error)]));
  }
  if (!response.ok) throw new PhraseError(phrase('app.url.httpStatus', [String(response.status)]));
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_PHOTO_BYTES) {
    void response.body?.cancel();
    throw new PhraseError(tooLargeMessage(name, declared));
  }
  // The declared length may be missing or wrong: count while reading and stop at the limit.
  const reader = response.body?.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    total += next.value.length;
    if (total > MAX_PHOTO_BYTES) {
      void reader?.cancel();
      throw new PhraseError(tooLargeMessage(name));
    }
    chunks.push(next.value);
  }
  return new Blob(chunks, { type: response.headers.get('content-type') ?? '' });
}
