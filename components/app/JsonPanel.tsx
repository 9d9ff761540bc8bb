// One JSON document as the FaceBlurest API would see it, with a button that copies the full text.
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { formatJson } from '@/lib/photo/json';

export interface JsonPanelProps {
  title: string;
  /** What is shown: photo base64 shortened. */
  value: unknown;
  /** The full JSON text for the clipboard (may take a moment for a large photo). */
  copyText: () => Promise<string>;
  copyLabel: string;
  testId: string;
}

export function JsonPanel({ title, value, copyText, copyLabel, testId }: JsonPanelProps) {
  const [copied, setCopied] = useState<string | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(await copyText());
      setCopied(i18n.t('app.copied'));
    } catch (error) {
      setCopied(i18n.t('app.copyFailed', [error instanceof Error ? error.message : String(error)]));
    }
    setTimeout(() => setCopied(null), 3000);
  }
  const headingId = `${testId}-title`;
  return (
    <section class="panel json" aria-labelledby={headingId}>
      <header>
        <h2 id={headingId}>{title}</h2>
        <button type="button" data-testid={`${testId}-copy`} onClick={() => void copy()}>
          {copyLabel}
        </button>
        <span role="status" class="copied">
          {copied}
        </span>
      </header>
      <pre data-testid={testId} tabIndex={0}>
        {formatJson(value)}
      </pre>
    </section>
  );
}
