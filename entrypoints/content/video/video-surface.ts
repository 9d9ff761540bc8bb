// The <video> adapter, as the covers see it: its frames are painted in the content box by object-fit / object-position.
// Its covers blur what lies behind them (the live frame), so they follow the picture without being redrawn per frame.
import type { Size } from '@/lib/detect/scale';
import { replacedDrawnSize, replacedLayout } from '../surfaces/image';
import { boxSize, type Layout, type Surface, type Verdict } from '../surfaces/surface';
import { markVideo } from '../marks';

export class VideoSurface implements Surface {
  readonly kind = 'video';
  readonly stable = false;
  readonly fetchable = false;

  constructor(readonly el: HTMLVideoElement) {}

  source(): string {
    return this.el.currentSrc || this.el.src || 'faceveil-video:stream';
  }

  natural(): Size {
    return { w: this.el.videoWidth, h: this.el.videoHeight };
  }

  box(): Size {
    return boxSize(this.el);
  }

  drawnSize(): Size | null {
    return replacedDrawnSize(this.el, this.natural());
  }

  /** Frames are read by the video blurrer as it samples them, not through the life cycle. */
  read(): Promise<string | null> {
    return Promise.resolve(null);
  }

  show(verdict: Verdict): void {
    markVideo(this.el, verdict === 'clear' ? 'faces' : verdict === 'hidden' ? null : 'whole');
  }

  layout(): Layout | null {
    return replacedLayout(this.el, this.natural());
  }

  picture(): null {
    return null;
  }

  anchor(): { after: Element } {
    return { after: this.el };
  }

  listen(loaded: () => void, signal: AbortSignal): void {
    this.el.addEventListener('loadeddata', loaded, { signal });
  }
}
