// Test videos made in the browser (nothing large is committed): a photo recorded from a canvas in real time with
// MediaRecorder (VP8 WebM), still for `stillMs`, then sliding right at 50 px a second, `seconds` long, 640x360.
export async function recordVideo({ photo, seconds, stillMs }) {
  const img = new Image();
  img.src = photo;
  await img.decode();
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
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, 640, 360);
      ctx.drawImage(img, Math.max(0, t - stillMs) / 20, 0, 540, 360);
      if (t < seconds * 1000) requestAnimationFrame(step);
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
