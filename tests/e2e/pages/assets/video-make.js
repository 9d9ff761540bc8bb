// Test videos made in the browser (nothing large is committed): photos drawn on a canvas in real time and recorded
// with MediaRecorder (VP8 WebM, 640x360). A video is a list of scenes (video-scenes.js; photos from /data/); every frame also carries its
// time in a strip of cells along its bottom edge, so a test can tell which frame a screenshot shows.
import { lengthOf, PICTURE, sceneAt, TIMECODE } from './video-scenes.js';

export async function recordVideo(scenes) {
  const photos = new Map();
  for (const { photo } of scenes) {
    if (photos.has(photo)) continue;
    const img = new Image();
    img.src = `/data/${photo}`;
    await img.decode();
    photos.set(photo, img);
  }
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  const ctx = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 4e6 });
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  recorder.start(100);
  const t0 = performance.now();
  await new Promise((done) => {
    const step = () => {
      const t = performance.now() - t0;
      const { photo, x } = sceneAt(scenes, t);
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, 640, 360);
      ctx.drawImage(photos.get(photo), x, 0, PICTURE.w, PICTURE.h);
      drawTimecode(ctx, Math.round(t / TIMECODE.unitMs));
      if (t < lengthOf(scenes)) requestAnimationFrame(step);
      else done();
    };
    step();
  });
  recorder.stop();
  await new Promise((r) => (recorder.onstop = r));
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The code's bits, then the same bits inverted (a check), as white and black cells along the bottom edge. */
function drawTimecode(ctx, code) {
  const { bits, cell, height, left } = TIMECODE;
  for (let i = 0; i < 2 * bits; i++) {
    const bit = (code >> i % bits) & 1;
    ctx.fillStyle = (i < bits ? bit : 1 - bit) ? '#fff' : '#000';
    ctx.fillRect(left + i * cell, 360 - height, cell, height);
  }
}
