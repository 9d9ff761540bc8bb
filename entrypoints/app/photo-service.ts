// The app page's side of its worker: one promise per job, progress relayed, the user's blur look sent along.
import type { EngineAssets } from '@/lib/detect/config';
import { fetchPhoto } from '@/lib/photo/fetch-photo';
import type { BlurResult, FromWorker, PhotoService, Progress, ToWorker } from '@/lib/photo/protocol';
import { phrase, PhraseError } from '@/lib/phrase';
import { loadSettings } from '@/lib/settings-store';

interface Job {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  onProgress?: (p: Progress) => void;
}

export function createPhotoService(assets: EngineAssets, pageFetch: typeof fetch): PhotoService {
  const jobs = new Map<number, Job>();
  let nextId = 1;

  function spawn(): Worker {
    // A classic (not module) worker: tasks-vision loads its WASM glue with importScripts.
    const w = new Worker(new URL('./photo.worker.ts', import.meta.url));
    w.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      const job = jobs.get(data.id);
      if (!job) return;
      if (data.type === 'progress') return job.onProgress?.(data.progress);
      jobs.delete(data.id);
      if (data.type === 'failed') job.reject(new PhraseError(data.phrase));
      else job.resolve((data.type === 'blurred' ? data.result : data.blob) as never);
    };
    // Only a crash gets here (the worker reports its own errors): fail what was asked and start afresh.
    w.onerror = (event) => {
      const stopped = event.message ? phrase('app.workerStopped', [event.message]) : phrase('app.workerStoppedUnknown');
      for (const job of jobs.values()) job.reject(new PhraseError(stopped));
      jobs.clear();
      w.terminate();
      worker = spawn();
    };
    w.postMessage({ type: 'init', assets } satisfies ToWorker);
    // Start loading the user's detector now; each photo says again which one to use.
    void loadSettings().then(({ detector }) => w.postMessage({ type: 'preload', detector } satisfies ToWorker), () => undefined);
    return w;
  }
  let worker = spawn();

  function run<T>(message: (id: number) => ToWorker, onProgress?: (p: Progress) => void): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      jobs.set(id, { resolve: resolve as (v: never) => void, reject, onProgress });
      worker.postMessage(message(id));
    });
  }

  return {
    async blur(photo, name, onProgress) {
      // Read at each photo: a change in the popup applies to the next one.
      const { blurStrength, shape, detector, threshold } = await loadSettings();
      const look = { strength: blurStrength, shape };
      return run<BlurResult>((id) => ({ type: 'blur', id, photo, name, look, detector, minScore: threshold }), onProgress);
    },
    encode: (format) => run<Blob>((id) => ({ type: 'encode', id, format })),
    fetchPhoto: (url, name) => fetchPhoto(url, name, pageFetch),
  };
}
