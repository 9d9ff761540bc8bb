// Reads and decodes a photo for blurring: every byte check first, then the browser's decoder with EXIF orientation applied.
import { PhraseError } from '../phrase';
import { hasExif } from './exif';
import { checkPhotoSize, checkPhotoPixels } from './limits';
import type { PhotoType } from './sniff';
import { inspectPhoto, undecodableMessage } from './validate';

export interface CheckedPhoto {
  bytes: Uint8Array;
  type: PhotoType;
  hadExif: boolean;
}

export async function readPhoto(blob: Blob, name: string): Promise<CheckedPhoto> {
  // Size first, from the blob's metadata: a huge file is refused before it is read into memory.
  const size = checkPhotoSize(blob.size, name);
  if (size) throw new PhraseError(size);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const check = inspectPhoto(bytes, name);
  if (!check.ok) throw new PhraseError(check.message);
  return { bytes, type: check.type, hadExif: check.type === 'image/jpeg' && hasExif(bytes) };
}

/** Decoded pixels turned upright as the EXIF orientation says (how a photo viewer shows them). */
export async function decodePhoto(photo: CheckedPhoto, name: string): Promise<ImageBitmap> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([photo.bytes as Uint8Array<ArrayBuffer>], { type: photo.type }), { imageOrientation: 'from-image' });
  } catch {
    throw new PhraseError(undecodableMessage(name, photo.type));
  }
  const pixels = checkPhotoPixels(bitmap.width, bitmap.height, name);
  if (pixels) {
    bitmap.close();
    throw new PhraseError(pixels);
  }
  return bitmap;
}
