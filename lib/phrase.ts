// A sentence for the user as a message key of locales/*.yml and its values. lib/ stays free of any language: the page
// that shows a phrase words it in the browser's language, and storage, workers and messages carry it as plain data.
import type { GeneratedI18nStructure } from '#i18n';

export type PhraseKey = keyof GeneratedI18nStructure;
/** The last part of the keys under `prefix`: KeysUnder<'app.stage'> is 'reading' | 'decoding' | … */
export type KeysUnder<Prefix extends string> = PhraseKey extends infer K ? (K extends `${Prefix}.${infer Rest}` ? Rest : never) : never;
/** A value for $1, $2…: words that are not ours (a name, a browser's error), a number, or a phrase of its own. */
export type PhraseValue = string | number | Phrase;

export interface Phrase {
  key: PhraseKey;
  subs?: PhraseValue[];
  /** Picks the plural form, for keys that have one. */
  count?: number;
}

export function phrase(key: PhraseKey, subs?: PhraseValue[], count?: number): Phrase {
  const p: Phrase = { key };
  if (subs?.length) p.subs = subs;
  if (count !== undefined) p.count = count;
  return p;
}

/** Words that have no translation (a browser's error message, say), shown as they are. */
export const verbatim = (text: string): Phrase => phrase('verbatim', [text]);

/** Whether two phrases say the same thing with the same values. */
export const samePhrase = (a: Phrase | null | undefined, b: Phrase | null | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Looks a key up in the page's language: chrome.i18n's `$n` substitution and WXT's plural forms. */
export type Translate = (key: PhraseKey, subs: string[], count?: number) => string;

/** The phrase in words. Numbers are written as `locale` writes them; an unknown key says itself rather than nothing. */
export function wordPhrase(p: Phrase, translate: Translate, locale: string): string {
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const word = (v: PhraseValue): string =>
    typeof v === 'string' ? v : typeof v === 'number' ? numbers.format(v) : wordPhrase(v, translate, locale);
  return translate(p.key, (p.subs ?? []).map(word), p.count) || p.key;
}

/** A phrase as a log line, with no translation: `key(value, …)`. */
export function describePhrase(p: Phrase): string {
  const subs = (p.subs ?? []).map((v) => (typeof v === 'object' ? describePhrase(v) : JSON.stringify(v)));
  return subs.length ? `${p.key}(${subs.join(', ')})` : p.key;
}

/** An error told in a phrase: pages say it in the user's language, logs show the phrase's key and values. */
export class PhraseError extends Error {
  constructor(readonly phrase: Phrase) {
    super(describePhrase(phrase));
  }
}

/** What any thrown value says: its phrase, else the error's own words. */
export function phraseOf(error: unknown): Phrase {
  if (error instanceof PhraseError) return error.phrase;
  return verbatim(cleanText(error instanceof Error ? error.message : String(error)) || String(error));
}

/** Makes untrusted text safe to show: no control characters, collapsed whitespace, bounded length. */
export function cleanText(value: unknown, max = 200): string {
  if (typeof value !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  const flat = value.slice(0, max * 4).replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/g, ' ');
  const squeezed = flat.replace(/\s+/g, ' ').trim();
  return squeezed.length > max ? `${squeezed.slice(0, max - 1)}…` : squeezed;
}

const MAX_SUBS = 9;
const MAX_DEPTH = 3;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A phrase read back from storage, or null. Keys are checked for shape only: one this version lacks is shown as
 * its key. Texts are cleaned and nesting is bounded, as for anything stored.
 */
export function parsePhrase(raw: unknown, depth = 0): Phrase | null {
  if (!isRecord(raw) || typeof raw.key !== 'string' || !/^[A-Za-z][\w.]{0,80}$/.test(raw.key)) return null;
  const subs: PhraseValue[] = [];
  if (Array.isArray(raw.subs)) {
    for (const v of raw.subs.slice(0, MAX_SUBS)) {
      const nested = depth < MAX_DEPTH ? parsePhrase(v, depth + 1) : null;
      if (typeof v === 'string') subs.push(cleanText(v, 400));
      else if (typeof v === 'number' && Number.isFinite(v)) subs.push(v);
      else if (nested) subs.push(nested);
      else return null;
    }
  }
  const count = typeof raw.count === 'number' && Number.isFinite(raw.count) ? raw.count : undefined;
  return phrase(raw.key as PhraseKey, subs, count);
}
