// The attributes FaceVeil puts on the page: they drive the manifest CSS in style.css (and its copy in shadow roots).

/** `data-faceveil` on an <img>: absent = not scanned yet (hidden while hide-until-scanned is on). */
export type ImageMark = 'clear' | 'skip' | 'blurred';

const ATTR = 'data-faceveil';
const SHOW_ATTR = 'data-faceveil-show';

export function markImage(img: HTMLImageElement, mark: ImageMark | null): void {
  if (mark === 'blurred') {
    // CSS cannot size a blur to the element, and a face filling a large image needs a large radius.
    const side = Math.max(img.clientWidth, img.clientHeight, 1);
    img.style.setProperty('--faceveil-blur', `${Math.max(8, Math.round(side * 0.04))}px`);
  }
  if (mark === null) img.removeAttribute(ATTR);
  else if (img.getAttribute(ATTR) !== mark) img.setAttribute(ATTR, mark);
}

export function imageMark(img: HTMLImageElement): ImageMark | null {
  return img.getAttribute(ATTR) as ImageMark | null;
}

/** Whether unscanned images may show (hide-until-scanned off, or FaceVeil inactive on this page). */
export function showUnscanned(show: boolean): void {
  document.documentElement.toggleAttribute(SHOW_ATTR, show);
}
