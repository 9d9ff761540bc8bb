// The toolbar popup: this site's switch, the global switch, detection and blur settings, the remote API, and this tab's face count.
import { useEffect, useState } from 'preact/hooks';
import { isActiveOn, LIMITS, type Settings } from '@/lib/settings';
import { Choice, Section, Slider, Switch } from './Controls';
import { RemoteSection } from './remote/RemoteSection';

export interface PopupProps {
  settings: Settings;
  /** Host name of the active tab, or null for pages FaceVeil cannot run on (browser pages, the store). */
  site: string | null;
  faces: number;
  onChange: (change: Partial<Settings>) => void;
  onSiteChange: (active: boolean) => void;
  /** Opens the Face Blur app page (a photo in, the blurred photo and FaceBlurest JSON out). */
  onOpenApp: () => void;
}

export function Popup({ settings, site, faces, onChange, onSiteChange, onOpenApp }: PopupProps) {
  const active = site !== null && isActiveOn(settings, site);
  return (
    <main>
      <header>
        <h1>FaceVeil</h1>
        <p class="count" data-testid="face-count">
          {faces === 1 ? '1 face blurred in this tab' : `${faces} faces blurred in this tab`}
        </p>
      </header>
      <p class="buttons">
        <button type="button" class="link" data-testid="open-app" onClick={onOpenApp}>
          Blur a photo…
        </button>
      </p>
      {site !== null ? (
        <Switch
          label={`Blur faces on ${site}`}
          testId="site-switch"
          checked={site !== null && !settings.disabledSites.includes(site)}
          onChange={onSiteChange}
        />
      ) : (
        <p class="note">FaceVeil cannot run on this page.</p>
      )}
      <Switch label="FaceVeil on all sites" testId="global-switch" checked={settings.enabled} onChange={(enabled) => onChange({ enabled })} />
      {!active && site !== null && <p class="note">Automatic blurring is off here. Right-click an image to blur it.</p>}
      <Section title="Detection">
        <Slider
          label="Face threshold"
          testId="threshold"
          value={settings.threshold}
          {...LIMITS.threshold}
          step={0.05}
          format={(v) => `${Math.round(v * 100)}%`}
          onChange={(threshold) => onChange({ threshold })}
        />
        <Switch
          label="Hide images until scanned"
          testId="hide-until-scanned"
          hint="No face is ever shown sharp: images appear once their faces are covered."
          checked={settings.hideUntilScanned}
          onChange={(hideUntilScanned) => onChange({ hideUntilScanned })}
        />
        <Choice
          label="If a scan fails"
          testId="on-timeout"
          value={settings.onTimeout}
          options={[
            { value: 'keep-blurred', label: 'keep the image blurred' },
            { value: 'reveal', label: 'show the image' },
          ]}
          onChange={(onTimeout) => onChange({ onTimeout })}
        />
        <Slider
          label="Scan time limit"
          testId="scan-timeout"
          value={settings.scanTimeoutMs / 1000}
          min={LIMITS.scanTimeoutMs.min / 1000}
          max={30}
          step={1}
          format={(v) => `${v} s`}
          onChange={(s) => onChange({ scanTimeoutMs: s * 1000 })}
        />
      </Section>
      <Section title="Blur">
        <Slider
          label="Strength"
          testId="blur-strength"
          value={settings.blurStrength}
          {...LIMITS.blurStrength}
          step={1}
          format={String}
          onChange={(blurStrength) => onChange({ blurStrength })}
        />
        <Choice
          label="Shape"
          testId="shape"
          value={settings.shape}
          options={[
            { value: 'ellipse', label: 'Ellipse' },
            { value: 'rect', label: 'Rectangle' },
          ]}
          onChange={(shape) => onChange({ shape })}
        />
        <Choice
          label="Playing videos"
          testId="video-mode"
          value={settings.videoMode}
          options={[
            { value: 'strict', label: 'blur whole when unsure' },
            { value: 'smooth', label: 'cover faces only' },
          ]}
          onChange={(videoMode) => onChange({ videoMode })}
        />
      </Section>
      <RemoteSection />
      <details class="advanced">
        <summary>Advanced</summary>
        <Choice
          label="Detector"
          testId="detector"
          value={settings.detector}
          options={[
            { value: 'yunet', label: 'YuNet (recommended)' },
            { value: 'yunet+blazeface', label: 'YuNet + BlazeFace' },
            { value: 'blazeface', label: 'BlazeFace (MediaPipe)' },
          ]}
          onChange={(detector) => onChange({ detector })}
        />
        <Slider
          label="Smallest face on screen"
          testId="min-screen-face"
          value={settings.minScreenFacePx}
          {...LIMITS.minScreenFacePx}
          step={1}
          format={(v) => `${v} px`}
          onChange={(minScreenFacePx) => onChange({ minScreenFacePx })}
        />
        <Choice
          label="BlazeFace runs on"
          testId="delegate"
          value={settings.delegate}
          options={[
            { value: 'auto', label: 'automatic (fastest here)' },
            { value: 'CPU', label: 'CPU' },
            { value: 'GPU', label: 'GPU (WebGL)' },
          ]}
          onChange={(delegate) => onChange({ delegate })}
        />
      </details>
    </main>
  );
}

/** Re-renders with the latest value of an async source that can also be watched. */
export function useWatched<T>(load: () => Promise<T>, watch: (cb: (v: T) => void) => () => void): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    void load().then(setValue);
    return watch(setValue);
  }, []);
  return value;
}
