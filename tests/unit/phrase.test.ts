// Unit tests for phrases (lib/phrase.ts): how lib/ says things without a language, and how pages word them.
import { describe, expect, it } from 'vitest';
import {
  cleanText, describePhrase, parsePhrase, phrase, phraseOf, PhraseError, verbatim, wordPhrase, type Translate,
} from '@/lib/phrase';
import { english } from './support/english';

describe('wordPhrase', () => {
  const calls: Parameters<Translate>[] = [];
  const translate: Translate = (key, subs, count) => {
    calls.push([key, subs, count]);
    return key === 'faceblurest.notSent' ? `N[${subs.join('|')}]` : key === 'verbatim' ? subs[0]! : '';
  };

  it('words nested phrases first and writes numbers as the locale does', () => {
    calls.length = 0;
    const p = phrase('faceblurest.notSent', [verbatim('x'), 12345.67, 'plain'], 2);
    expect(wordPhrase(p, translate, 'de')).toBe('N[x|12.345,7|plain]');
    expect(calls.at(-1)).toEqual(['faceblurest.notSent', ['x', '12.345,7', 'plain'], 2]);
  });
  it('says the key rather than nothing when this version has no such message', () => {
    expect(wordPhrase(phrase('faceblurest.cancelled'), translate, 'en')).toBe('faceblurest.cancelled');
  });
  it('in English, through the extension’s own messages', () => {
    expect(english(phrase('faceblurest.notSent', [phrase('faceblurest.noPermission', ['api.example'])]))).toBe(
      'FaceVeil did not send the image: FaceVeil has no permission to contact api.example; turn the remote API on again.',
    );
    expect(english(phrase('app.stage.blurring', [0], 0))).toBe('Blurring 0 faces…');
    expect(english(phrase('app.size.kb', [1500]))).toBe('1,500 KB');
  });
});

describe('errors and logs', () => {
  it('a PhraseError carries its phrase, and its message names it for logs', () => {
    const e = new PhraseError(phrase('faceblurest.unreadable', [verbatim('HTTP 404'), 3]));
    expect(e.message).toBe('faceblurest.unreadable(verbatim("HTTP 404"), 3)');
    expect(phraseOf(e)).toBe(e.phrase);
    expect(describePhrase(phrase('faceblurest.empty'))).toBe('faceblurest.empty');
  });
  it('anything else thrown is shown in its own words, cleaned', () => {
    expect(phraseOf(new TypeError('Failed\nto fetch'))).toEqual(verbatim('Failed to fetch'));
    expect(phraseOf('odd')).toEqual(verbatim('odd'));
    expect(phraseOf(new Error(''))).toEqual(verbatim('Error')); // an empty message still says something
  });
});

describe('parsePhrase', () => {
  it('takes back what was stored, cleaned', () => {
    const stored = JSON.parse(JSON.stringify(phrase('faceblurest.notSent', [phrase('verbatim', ['a\u0000\u202eb']), 4], 1)));
    expect(parsePhrase(stored)).toEqual(phrase('faceblurest.notSent', [phrase('verbatim', ['a b']), 4], 1));
  });
  it('refuses what is not a phrase', () => {
    for (const bad of [null, 'text', [], { key: 7 }, { key: 'no spaces allowed' }, { key: 'k', subs: [{}] }, { key: 'k', subs: [Infinity] }, { key: 'x'.repeat(90) }]) {
      expect(parsePhrase(bad), JSON.stringify(bad)).toBeNull();
    }
  });
  it('bounds nesting and the number of values', () => {
    let deep: unknown = { key: 'verbatim', subs: ['x'] };
    for (let i = 0; i < 5; i++) deep = { key: 'verbatim', subs: [deep] };
    expect(parsePhrase(deep)).toBeNull();
    expect(parsePhrase({ key: 'verbatim', subs: Array(20).fill('v') })!.subs).toHaveLength(9);
  });
});

describe('cleanText', () => {
  it('strips control and bidi characters, collapses whitespace, bounds length', () => {
    expect(cleanText('a\u0000b\n\tc\u202Ed')).toBe('a b c d');
    expect(cleanText('x'.repeat(1000), 10)).toHaveLength(10);
    expect(cleanText(42)).toBe('');
  });
});
