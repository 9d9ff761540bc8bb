// `tsx scripts/lib/yunet-threads.ts N`: times the vendored YuNet on onnxruntime-web's WASM with N threads, in Node; prints JSON (for the bench).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { percentile } from '../../lib/eval/metrics';

const threads = Number(process.argv[2] ?? 1);
ort.env.wasm.numThreads = threads;
const model = readFileSync(join(import.meta.dirname, '../../public/models/yunet_n.onnx'));
const session = await ort.InferenceSession.create(model, { enableMemPattern: false });
const [h, w] = [704, 1280];
// A fixed pseudo-random picture: timing does not depend on content, but all-zero inputs could take shortcuts.
const data = Float32Array.from({ length: 3 * h * w }, (_, i) => (i * 2654435761) % 256);
const input = new ort.Tensor('float32', data, [1, 3, h, w]);
const times: number[] = [];
for (let i = 0; i < 17; i++) {
  const started = performance.now();
  const out = await session.run({ input });
  if (i >= 2) times.push(performance.now() - started); // two warm-up runs
  for (const t of Object.values(out)) t.dispose();
}
process.stdout.write(JSON.stringify({ threads, msPerMegapixel: percentile(times, 50) / ((w * h) / 1e6) }));
