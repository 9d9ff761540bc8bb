// The toolbar popup: this site's switch, the global switch, detection and blur settings, the remote API, and this tab's face count.
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
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
          {i18n.t('popup.facesInTab', faces)}
        </p>
      </header>
      <p class="buttons">
        <button type="button" class="link" data-testid="open-app" onClick={onOpenApp}>
          {i18n.t('popup.blurPhoto')}
        </button>
      </p>
      {site !== null ? (
        <Switch
          label={i18n.t('popup.siteSwitch', [site])}
          testId="site-switch"
          checked={site !== null && !settings.disabledSites.includes(site)}
          onChange={onSiteChange}
        />
      ) : (
        <p class="note">{i18n.t('popup.cannotRun')}</p>
      )}
      <Switch label={i18n.t('popup.globalSwitch')} testId="global-switch" checked={settings.enabled} onChange={(enabled) => onChange({ enabled })} />
      {!active && site !== null && <p class="note">{i18n.t('popup.offHere')}</p>}
      <Section title={i18n.t('popup.detection')}>
        <Slider
          label={i18n.t('popup.threshold')}
          testId="threshold"
          value={settings.threshold}
          {...LIMITS.threshold}
          step={0.05}
          format={(v) => `${Math.round(v * 100)}%`}
          onChange={(threshold) => onChange({ threshold })}
        />
        <Switch
          label={i18n.t('popup.hideUntilScanned')}
          testId="hide-until-scanned"
          hint={i18n.t('popup.hideUntilScannedHint')}
          checked={settings.hideUntilScanned}
          onChange={(hideUntilScanned) => onChange({ hideUntilScanned })}
        />
        <Choice
          label={i18n.t('popup.onTimeout')}
          testId="on-timeout"
          value={settings.onTimeout}
          options={[
            { value: 'keep-blurred', label: i18n.t('popup.onTimeoutKeep') },
            { value: 'reveal', label: i18n.t('popup.onTimeoutReveal') },
          ]}
          onChange={(onTimeout) => onChange({ onTimeout })}
        />
        <Slider
          label={i18n.t('popup.scanTimeout')}
          testId="scan-timeout"
          value={settings.scanTimeoutMs / 1000}
          min={LIMITS.scanTimeoutMs.min / 1000}
          max={30}
          step={1}
          format={(v) => `${v} s`}
          onChange={(s) => onChange({ scanTimeoutMs: s * 1000 })}
        />
      </Section>
      <Section title={i18n.t('popup.blur')}>
        <Slider
          label={i18n.t('popup.strength')}
          testId="blur-strength"
          value={settings.blurStrength}
          {...LIMITS.blurStrength}
          step={1}
          format={String}
          onChange={(blurStrength) => onChange({ blurStrength })}
        />
        <Choice
          label={i18n.t('popup.shape')}
          testId="shape"
          value={settings.shape}
          options={[
            { value: 'ellipse', label: i18n.t('popup.ellipse') },
            { value: 'rect', label: i18n.t('popup.rectangle') },
          ]}
          onChange={(shape) => onChange({ shape })}
        />
        <Choice
          label={i18n.t('popup.videoMode')}
          testId="video-mode"
          value={settings.videoMode}
          options={[
            { value: 'strict', label: i18n.t('popup.videoStrict') },
            { value: 'smooth', label: i18n.t('popup.videoSmooth') },
          ]}
          onChange={(videoMode) => onChange({ videoMode })}
        />
      </Section>
      <RemoteSection />
      <details class="advanced">
        <summary>{i18n.t('popup.advanced')}</summary>
        <Choice
          label={i18n.t('popup.detector')}
          testId="detector"
          value={settings.detector}
          options={[
            { value: 'yunet', label: i18n.t('popup.yunetRecommended') },
            { value: 'yunet+blazeface', label: 'YuNet + BlazeFace' },
            { value: 'blazeface', label: 'BlazeFace (MediaPipe)' },
          ]}
          onChange={(detector) => onChange({ detector })}
        />
        <Slider
          label={i18n.t('popup.minScreenFace')}
          testId="min-screen-face"
          value={settings.minScreenFacePx}
          {...LIMITS.minScreenFacePx}
          step={1}
          format={(v) => `${v} px`}
          onChange={(minScreenFacePx) => onChange({ minScreenFacePx })}
        />
        <Choice
          label={i18n.t('popup.delegate')}
          testId="delegate"
          value={settings.delegate}
          options={[
            { value: 'auto', label: i18n.t('popup.delegateAuto') },
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
