// An extension page in the language of its messages (the browser's, where FaceVeil has it): said on <html> for screen
// readers and hyphenation, with the page's title.
import { i18n } from '#i18n';

export function localizePage(title?: string): void {
  document.documentElement.lang = i18n.t('language');
  if (title) document.title = title;
}
