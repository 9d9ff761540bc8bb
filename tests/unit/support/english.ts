// Phrases worded in English as the extension shows them: the real say() over chrome.i18n.getMessage, here read from
// locales/en.yml the way WXT builds it into _locales/en/messages.json.
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const messages = generateChromeMessages(await parseMessagesFile('locales/en.yml'));

/** As Chrome does: $1…$9 are the substitutions, $$ is a dollar sign, an unknown name gives "". */
fakeBrowser.i18n.getMessage = (name: string, subs?: string | (string | number)[]) => {
  const values = typeof subs === 'string' ? [subs] : (subs ?? []).map(String);
  return (messages[name]?.message ?? '').replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (values[Number(d) - 1] ?? '')));
};

export { say as english } from '@/components/say';
export { messages };
