// The blurred photo, an optional layer of face boxes drawn over it (never into the file), and the downloads.
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
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

// Tenths of a second, written the messages' language's way ("0.5 s", "0,5 s").
const tenths = new Intl.NumberFormat(i18n.t('language'), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const seconds = (ms: number) => i18n.t('app.photo.seconds', [tenths.format(ms / 1000)]);

export function ResultPhoto({ run, encodePng }: ResultPhotoProps) {
  const [showBoxes, setShowBoxes] = useState(true);
  const [busy, setBusy] = useState<string | null>(null);
  const { width, height, calls, hadExif, ms } = run.result;
  const faces = run.response.predictions;
  const font = Math.max(width, height) / 45;
  // Size · faces · detector passes · total time, the same pieces with or without the EXIF note.
  const info: [number, number, string, string, string] = [
    width,
    height,
    i18n.t('app.photo.faceCount', faces.length),
    i18n.t('app.photo.detectorPasses', calls),
    seconds(run.totalMs),
  ];

  async function download(format: ExportFormat) {
    setBusy(format === 'image/png' ? i18n.t('app.photo.encodingPng') : null);
    try {
      save(format === 'image/png' ? await encodePng() : run.result.jpeg, blurredFileName(run.name, format));
      setBusy(null);
    } catch (error) {
      setBusy(i18n.t('app.photo.downloadFailed', [error instanceof Error ? error.message : String(error)]));
    }
  }

  return (
    <section class="panel photo" aria-labelledby="photo-title">
      <header>
        <h2 id="photo-title">{i18n.t('app.photo.title')}</h2>
        <label class="toggle">
          <input type="checkbox" role="switch" data-testid="boxes-toggle" checked={showBoxes} onChange={(e) => setShowBoxes(e.currentTarget.checked)} />
          {i18n.t('app.photo.showBoxes')}
        </label>
      </header>
      <div class="stage">
        {/* decoding="async": a 24-megapixel preview must not be decoded on the page's thread. */}
        <img src={run.previewUrl} decoding="async" data-testid="result-image" alt={i18n.t('app.photo.alt', faces.length, [faces.length, run.name])} />
        {showBoxes && (
          // A layer over the image: the boxes are only ever drawn here, never into the saved file.
          <svg class="boxes" data-testid="face-boxes" viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
            {faces.map(({ boundingBox: b, probability }) => (
              <g>
                <rect x={b.left * width} y={b.top * height} width={b.width * width} height={b.height * height} vector-effect="non-scaling-stroke" />
                <text x={b.left * width} y={b.top * height - font * 0.3} font-size={font}>
                  {i18n.t('app.photo.probability', [Math.round(probability * 100)])}
                </text>
              </g>
            ))}
          </svg>
        )}
      </div>
      <p class="info" data-testid="photo-info">
        {hadExif ? i18n.t('app.photo.infoExifRemoved', info) : i18n.t('app.photo.info', info)}
      </p>
      <p class="info" data-testid="timings">
        {i18n.t('app.photo.timings', [seconds(ms.decode), seconds(ms.detect), seconds(ms.blur), seconds(ms.encode)])}
      </p>
      <div class="actions">
        <button type="button" data-testid="download-jpeg" onClick={() => void download('image/jpeg')}>
          {i18n.t('app.photo.downloadJpeg')}
        </button>
        <button type="button" data-testid="download-png" onClick={() => void download('image/png')}>
          {i18n.t('app.photo.downloadPng')}
        </button>
        <span role="status">{busy}</span>
      </div>
    </section>
  );
}
