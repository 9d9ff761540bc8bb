// FaceVeil's image, background, canvas and video rules for shadow roots, which the manifest-injected stylesheet does not reach.

const HIDE_RULE = `
  img:not([data-faceveil]), canvas[data-faceveil-photo]:not([data-faceveil]) { opacity: 0 !important; transition: none !important; }
  canvas[data-faceveil='stale'], video:not([data-faceveil-video='faces']) { filter: blur(max(var(--faceveil-blur, 24px), 24px)) !important; clip-path: inset(0) !important; }
  :not([data-faceveil-bg~='box']) { background-image: none !important; }
  :not([data-faceveil-bg~='before'])::before { background-image: none !important; }
  :not([data-faceveil-bg~='after'])::after { background-image: none !important; }`;
const BLUR_RULE = `
  img[data-faceveil='blurred'], canvas[data-faceveil='blurred'], video[data-faceveil-video='whole'] { filter: blur(max(var(--faceveil-blur, 24px), 24px)) !important; clip-path: inset(0) !important; }
  [data-faceveil-bg~='blurred'] { filter: blur(24px) !important; clip-path: inset(0) !important; }
  [data-faceveil-bg~='before-blurred']::before { filter: blur(24px) !important; clip-path: inset(0) !important; }
  [data-faceveil-bg~='after-blurred']::after { filter: blur(24px) !important; clip-path: inset(0) !important; }`;

let sheets: { hide: CSSStyleSheet; blur: CSSStyleSheet } | undefined;

function getSheets() {
  if (!sheets) {
    const hide = new CSSStyleSheet();
    hide.replaceSync(HIDE_RULE);
    const blur = new CSSStyleSheet();
    blur.replaceSync(BLUR_RULE);
    sheets = { hide, blur };
  }
  return sheets;
}

/** One shared pair of constructed sheets, adopted by every shadow root; hiding toggles for all at once. */
export function styleShadowRoot(root: ShadowRoot): void {
  const { hide, blur } = getSheets();
  if (!root.adoptedStyleSheets.includes(blur)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, hide, blur];
}

export function showUnscannedInShadowRoots(show: boolean): void {
  getSheets().hide.disabled = show;
}
