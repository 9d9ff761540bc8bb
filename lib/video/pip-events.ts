// Events between FaceVeil's two halves about a video's picture-in-picture, dispatched on the video itself (the page's
// world sees each video only through the page's own tree). A page may dispatch them too: the most it gets is a PiP
// window that shows covers, or its own video's PiP button back, which showing its own pixels gets it anyway.

/** Isolated → page world: FaceVeil keeps the browser's own PiP off this video (its window would show faces sharp). */
export const PIP_HOLD = 'faceveil-pip-hold';
/** Isolated → page world: the page's own setting is back. */
export const PIP_RELEASE = 'faceveil-pip-release';
/** Page → isolated world: the page asked for PiP of a held video; FaceVeil's mirror opens instead (cancelled = taken). */
export const PIP_REQUEST = 'faceveil-pip-request';
/** Isolated → page world: the mirror could not open; `detail` says why. */
export const PIP_FAILED = 'faceveil-pip-failed';
