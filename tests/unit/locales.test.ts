// Unit tests for the translations (locales/*.yml): every language has every message, with the same values in it.
import { parseMessagesFile, type ParsedMessage } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';

const load = async (lang: string) => new Map((await parseMessagesFile(`locales/${lang}.yml`)).map((m) => [m.key.join('.'), m]));
const english = await load('en');
const translations = { fr: await load('fr'), de: await load('de') };

/** Every text of a message: its plural forms, or the one text. */
const texts = (m: ParsedMessage): string[] => (m.type === 'plural' ? Object.values(m.plurals) : [m.message]);
/** The $n a message uses, in any of its forms. */
const values = (m: ParsedMessage) => [...new Set(texts(m).flatMap((t) => [...t.matchAll(/\$([1-9])/g)].map((x) => x[1])))].sort();

describe.each(Object.entries(translations))('%s', (_, translated) => {
  it('has exactly the English keys', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  });
  it('uses the same values as the English, and plurals where it has them', () => {
    for (const [key, en] of english) {
      const t = translated.get(key);
      if (!t) continue; // reported above
      expect(values(t), key).toEqual(values(en));
      expect(t.type === 'plural', key).toBe(en.type === 'plural');
      for (const text of texts(t)) expect(text.trim(), key).not.toBe('');
    }
  });
});

it('French puts a no-break space before : ; ? and !', () => {
  const loose = [...translations.fr].flatMap(([key, m]) => texts(m).filter((t) => / [:;?!](\s|$)/.test(t)).map((t) => `${key}: ${t}`));
  expect(loose).toEqual([]);
});
