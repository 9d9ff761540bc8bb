// The media time of a presented frame, from requestVideoFrameCallback's metadata.

/**
 * `mediaTime` (s) as a time within the video (ms). Firefox keeps counting across a loop back (3.2 s into a 3.0 s
 * video, while `currentTime` says 0.2 s), which read as a time past the end left the video blurred whole ("about to
 * loop back") for good: in a looping video, a time past a known end is folded back into it.
 */
export function frameMediaMs(mediaTime: number, duration: number, loop: boolean): number {
  const ms = mediaTime * 1000;
  const end = duration * 1000;
  return loop && Number.isFinite(end) && end > 0 && ms >= end ? ms % end : ms;
}
