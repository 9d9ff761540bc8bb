// The app's worker: decodes, detects (the product's detector, at full resolution), blurs and encodes one photo at a time, off the page's thread.
import type { EngineAssets } from '@/lib/detect/config';
import { createFaceDetector } from '@/lib/detect/detector';
import { renderPolarViews } from '@/lib/detect/polar-render';
import type { DetectorChoice } from '@/lib/detect/engine';
import { enginesOf } from '@/lib/detect/engine';
import { engineSource, loadBlazefaceModel, loadYunetModel, once } from '@/lib/detect/engines';
import { FULL_RESOLUTION_MIN_FACE_PX } from '@/lib/detect/scale';
import { serviceFaces } from '@/lib/faceblurest/response';
import type { Face } from '@/lib/face';
import { guardFetch } from '@/lib/network-guard';
import { phrase, phraseOf, PhraseError } from '@/lib/phrase';
import { blurFacesInPlace } from '@/lib/photo/blur-canvas';
import { decodePhoto, readPhoto } from '@/lib/photo/decode';
import type { FromWorker, Progress, ToWorker } from '@/lib/photo/protocol';

// tasks-vision posts usage logs from whatever scope it runs in; here only packaged files may be fetched.
guardFetch(self, location.origin);

const JPEG_QUALITY = 0.92;
let assets: EngineAssets | undefined;
const configured = () => assets ?? Promise.reject(new Error('the detector was not configured'));
// The page's own engines; BlazeFace on the CPU: the GPU delegate's WebGL context is not worth it for one photo.
const getEngine = engineSource({
  yunet: once(async () => loadYunetModel(await configured())),
  blazeface: once(async () => loadBlazefaceModel(await configured(), 'CPU')),
});
const detector = createFaceDetector(getEngine, renderPolarViews);
/** The last blurred photo, kept for "Download PNG" (encoding it again from the JPEG would not be lossless). */
let last: OffscreenCanvas | undefined;

const post = (message: FromWorker) => postMessage(message);

function loadEngines(choice: DetectorChoice): Promise<unknown> {
  return Promise.all(enginesOf(choice).map(getEngine));
}

async function blur({ id, photo, name, look, detector: choice, minScore }: Extract<ToWorker, { type: 'blur' }>): Promise<void> {
  const progress = (p: Progress) => post({ type: 'progress', id, progress: p });
  if (last) last.width = last.height = 0;
  last = undefined;
  progress({ stage: 'reading' });
  const checked = await readPhoto(photo, name);
  progress({ stage: 'decoding' });
  let t = performance.now();
  const bitmap = await decodePhoto(checked, name);
  const ms = { decode: performance.now() - t, detect: 0, blur: 0, encode: 0 };
  try {
    progress({ stage: 'loading-detector' });
    await loadEngines(choice);
    const { width, height } = bitmap;
    let found = 0;
    t = performance.now();
    const shown = (all: Face[]) => serviceFaces(all.filter((f) => f.score >= minScore));
    // The whole photo at full resolution (a download is looked at up close); progress per network call.
    const detected = await detector.detect(bitmap, {
      detector: choice,
      minFacePx: FULL_RESOLUTION_MIN_FACE_PX,
      onProgress: (partial) => (found = shown(partial).length),
      onCall: (callsDone, callsPlanned) => progress({ stage: 'detecting', callsDone, callsPlanned, faces: found }),
    });
    const faces = shown(detected.faces);
    ms.detect = performance.now() - t;

    progress({ stage: 'blurring', faces: faces.length });
    t = performance.now();
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    // Every face the response lists is blurred, as the service blurs every face it predicts.
    blurFacesInPlace(canvas, faces.map((f) => f.box), look);
    ms.blur = performance.now() - t;

    progress({ stage: 'encoding' });
    t = performance.now();
    const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
    ms.encode = performance.now() - t;
    last = canvas;
    post({ type: 'blurred', id, result: { type: checked.type, width, height, faces, calls: detected.calls, hadExif: checked.hadExif, jpeg, ms } });
  } finally {
    bitmap.close();
  }
}

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'init') {
    assets = message.assets;
    return;
  }
  if (message.type === 'preload') {
    await loadEngines(message.detector).catch(() => undefined); // a failure is reported with the first photo
    return;
  }
  try {
    if (message.type === 'blur') await blur(message);
    else if (!last) throw new Error('there is no blurred photo to save');
    else post({ type: 'encoded', id: message.id, blob: await last.convertToBlob({ type: message.format, quality: JPEG_QUALITY }) });
  } catch (error) {
    // The photo's own problems are worded already; anything else is unexpected and says so.
    const said = error instanceof PhraseError ? error.phrase : phrase('app.failed', [phraseOf(error)]);
    post({ type: 'failed', id: message.id, phrase: said });
  }
}

// One job at a time: the detector is single-threaded, and a queue keeps memory to one photo.
let queue: Promise<void> = Promise.resolve();
onmessage = (event: MessageEvent<ToWorker>) => {
  // handle() reports its own failures; the catch only keeps one unexpected throw from stalling every later job.
  queue = queue.then(() => handle(event.data)).catch((error: unknown) => console.error('[FaceVeil] photo worker:', error));
};
