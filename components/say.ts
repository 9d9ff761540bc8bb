// Words a phrase from lib/ (an error, a progress line) in the browser's language, through the extension's messages.
import { i18n } from '#i18n';
import { wordPhrase, type Phrase, type Translate } from '@/lib/phrase';

// i18n.t is typed per key; a phrase's key and values were checked where the phrase was made.
const t = i18n.t as (key: string, ...args: (number | string[])[]) => string;
const translate: Translate = (key, subs, count) => {
  if (count === undefined) return t(key, subs);
  return subs.length ? t(key, count, subs) : t(key, count);
};

export const say = (p: Phrase): string => wordPhrase(p, translate, i18n.t('language'));
