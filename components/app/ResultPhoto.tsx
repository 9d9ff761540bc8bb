// The blurred photo, an optional layer of face boxes drawn over it (never into the file), and the downloads.
import { useState } from 'preact/hooks';
import { blurredFileName } from '@/lib/photo/names';
import type { ExportFormat } from '@/lib/photo/protocol';
import type { Run } from './use-blur-run';

export interface ResultPhotoProps {
  run: Run;
  /** The last blurred photo encoded as PNG (the JPEG is already at hand). */
  encodePng: () => Promise<Blob>;
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000); // the download has taken its copy by then
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function ResultPhoto({ run, encodePng }: ResultPhotoProps) {
  const [showBoxes, setShowBoxes] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const { width, height, calls, hadExif, ms } = run.result;
  const faces = run.response.predictions;
  const font = Math.max(width, height) / 45;

  async function download(format: ExportFormat) {
    setBusy(format === 'image/png' ? 'Encoding PNG…' : null);
    try {
      save(format === 'image/png' ? await encodePng() : run.result.jpeg, blurredFileName(run.name, format));
      setBusy(null);
    } catch (error) {
      setBusy(`Download failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <section class="panel photo" aria-labelledby="photo-title">
      <header>
        <h2 id="photo-title">Blurred photo</h2>
        <label class="toggle">
          <input type="checkbox" role="switch" data-testid="boxes-toggle" checked={showBoxes} onChange={(e) => setShowBoxes(e.currentTarget.checked)} />
          Show face boxes
        </label>
      </header>
      <div class="stage">
        {/* decoding="async": a 24-megapixel preview must not be decoded on the page's thread. */}
        <img src={run.previewUrl} decoding="async" data-testid="result-image" alt={`${run.name} with ${faces.length} faces blurred`} />
        {showBoxes && (
          // A layer over the image: the boxes are only ever drawn here, never into the saved file.
          <svg class="boxes" data-testid="face-boxes" viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
            {faces.map(({ boundingBox: b, probability }) => (
              <g>
                <rect x={b.left * width} y={b.top * height} width={b.width * width} height={b.height * height} vector-effect="non-scaling-stroke" />
                <text x={b.left * width} y={b.top * height - font * 0.3} font-size={font}>
                  {Math.round(probability * 100)}%
                </text>
              </g>
            ))}
          </svg>
        )}
      </div>
      <p class="info" data-testid="photo-info">
        {width} × {height} px · {faces.length === 1 ? '1 face' : `${faces.length} faces`} · {calls} detector passes ·{' '}
        {seconds(run.totalMs)}{hadExif ? ' · EXIF metadata (camera, date, GPS) removed' : ''}
      </p>
      <p class="info" data-testid="timings">
        Decoding {seconds(ms.decode)} · detection {seconds(ms.detect)} · blurring {seconds(ms.blur)} · JPEG encoding {seconds(ms.encode)}
      </p>
      <div class="actions">
        <button type="button" data-testid="download-jpeg" onClick={() => void download('image/jpeg')}>
          Download JPEG
        </button>
        <button type="button" data-testid="download-png" onClick={() => void download('image/png')}>
          Download PNG
        </button>
        <span role="status">{busy}</span>
      </div>
    </section>
  );
}
