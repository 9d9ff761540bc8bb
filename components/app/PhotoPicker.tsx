// Where the photo comes from: a file (chooser or drag-and-drop) or an image URL; the last one given wins.
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { formatBytes } from '@/lib/photo/limits';
import { say } from '../say';
import type { Source } from './use-blur-run';

export interface PhotoPickerProps {
  source: Source | null;
  onSource: (source: Source | null) => void;
  disabled: boolean;
}

export function PhotoPicker({ source, onSource, disabled }: PhotoPickerProps) {
  const [dragging, setDragging] = useState(false);
  const url = source?.kind === 'url' ? source.url : '';

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    // An image dragged from another tab arrives as a URL, not a file.
    const link = event.dataTransfer?.getData('text/uri-list').split('\n').find((l) => l && !l.startsWith('#'));
    if (file) onSource({ kind: 'file', file });
    else if (link) onSource({ kind: 'url', url: link.trim() });
  }

  return (
    <fieldset class="picker" disabled={disabled}>
      <legend>{i18n.t('app.picker.legend')}</legend>
      <label
        class={`drop${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span>{i18n.t('app.picker.dropHint')}</span>
        {/* The native input is hidden visually (not from keyboards or screen readers): its own "No file chosen" would contradict a URL source. */}
        <input
          type="file"
          accept="image/*"
          class="visually-hidden"
          data-testid="file-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) onSource({ kind: 'file', file });
            e.currentTarget.value = ''; // choosing the same file again still counts
          }}
        />
        <span class="choose" aria-hidden="true">
          {i18n.t('app.picker.chooseFile')}
        </span>
        <span class="chosen" data-testid="chosen">
          {source?.kind === 'file' ? `${source.file.name} (${say(formatBytes(source.file.size))})` : i18n.t('app.picker.noFile')}
        </span>
      </label>
      <label class="url">
        <span>{i18n.t('app.picker.urlLabel')}</span>
        <input
          type="url"
          inputMode="url"
          placeholder={i18n.t('app.picker.urlPlaceholder')}
          data-testid="photo-url"
          value={url}
          onInput={(e) => {
            const text = e.currentTarget.value;
            onSource(text ? { kind: 'url', url: text } : null);
          }}
        />
      </label>
    </fieldset>
  );
}
