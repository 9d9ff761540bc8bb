// A face near a pole of a 360° panorama is stretched sideways in the flat picture (2.7 times at 68°): FaceVeil also
// looks at the poles through rectilinear views, so it is found and blurred.
import { expect, test } from './support/fixtures';
import { BLURRED, pageUrl, shoot } from './support/helpers';
import { laplacianVariance, type Region } from './support/sharpness';

const PANO = 'synthetic/syn_s_4096x2048_h1-25_0.jpg';

test('a face near the north pole of an equirectangular panorama is blurred', async ({ page, baseline, server }) => {
  // The panorama with a face pasted as a camera at 68° north would see it (projected onto the sphere), made in a
  // browser without FaceVeil; the page returns the face's box on the picture (fractions).
  const maker = await baseline.newPage();
  await maker.goto(pageUrl(server, 'blank.html'));
  const made = await maker.evaluate(async (pano) => {
    const load = async (src: string) => createImageBitmap(await (await fetch(src)).blob());
    const [picture, photo] = await Promise.all([load(`/data/${pano}`), load('/data/group/face_recognition__two_people.jpg')]);
    const [W, H] = [picture.width, picture.height];
    const canvas = new OffscreenCanvas(W, H);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(picture, 0, 0);
    // The left face of the photo, with some hair and neck (215 x 240 px).
    const crop = new OffscreenCanvas(215, 240);
    const cctx = crop.getContext('2d')!;
    cctx.drawImage(photo, 200, 0, 215, 240, 0, 0, 215, 240);
    const face = cctx.getImageData(0, 0, 215, 240).data;
    const rows = Math.round(H * 0.3);
    const cap = ctx.getImageData(0, 0, W, rows);
    const [lon0, lat0] = [(30 * Math.PI) / 180, (68 * Math.PI) / 180];
    const c = [Math.cos(lat0) * Math.sin(lon0), Math.sin(lat0), Math.cos(lat0) * Math.cos(lon0)];
    const east = [Math.cos(lon0), 0, -Math.sin(lon0)];
    const north = [-Math.sin(lat0) * Math.sin(lon0), Math.cos(lat0), -Math.sin(lat0) * Math.cos(lon0)];
    const half = Math.tan((7 * Math.PI) / 180); // the face spans 14° across
    let [u0, v0, u1, v1] = [1, 1, 0, 0];
    for (let y = 0; y < rows; y++) {
      const lat = (0.5 - (y + 0.5) / H) * Math.PI;
      for (let x = 0; x < W; x++) {
        const lon = ((x + 0.5) / W - 0.5) * 2 * Math.PI;
        const d = [Math.cos(lat) * Math.sin(lon), Math.sin(lat), Math.cos(lat) * Math.cos(lon)];
        const dot = d[0]! * c[0]! + d[1]! * c[1]! + d[2]! * c[2]!;
        if (dot <= 0) continue;
        const p = d.map((v) => v / dot);
        const a = p[0]! * east[0]! + p[1]! * east[1]! + p[2]! * east[2]!;
        const b = p[0]! * north[0]! + p[1]! * north[1]! + p[2]! * north[2]!;
        const k = (215 / 240) * half;
        if (Math.abs(a) > k || Math.abs(b) > half) continue;
        const fx = Math.min(214, Math.floor(((a / k + 1) / 2) * 215));
        const fy = Math.min(239, Math.floor(((1 - b / half) / 2) * 240));
        const from = (fy * 215 + fx) * 4;
        const to = (y * W + x) * 4;
        for (let i = 0; i < 3; i++) cap.data[to + i] = face[from + i]!;
        [u0, v0, u1, v1] = [Math.min(u0, x / W), Math.min(v0, y / H), Math.max(u1, (x + 1) / W), Math.max(v1, (y + 1) / H)];
      }
    }
    ctx.putImageData(cap, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { jpeg: btoa(binary), box: { x: u0, y: v0, w: u1 - u0, h: v1 - v0 } };
  }, PANO);
  await maker.close();
  server.put('polar-face.jpg', Buffer.from(made.jpeg, 'base64'), 'image/jpeg');
  server.put('polar-face.html', Buffer.from('<!doctype html><style>body{margin:0}img{display:block;width:1280px}</style><img id="pano" src="/gen/polar-face.jpg">'), 'text/html');
  const url = `${server.origin}/gen/polar-face.html`;

  const base = await baseline.newPage();
  await base.goto(url);
  await base.waitForTimeout(800);
  const without = await shoot(base);
  await page.goto(url);
  await expect(page.locator('#pano')).toHaveAttribute('data-faceveil', 'clear', { timeout: 60_000 });
  await page.waitForTimeout(300);
  const ext = await shoot(page);
  // The face's middle, on screen (the picture is 1280 px wide): stretched sideways near the pole.
  const k = 1280;
  const face: Region = { x: made.box.x * k, y: made.box.y * (k / 2), w: made.box.w * k, h: made.box.h * (k / 2) };
  const middle: Region = { x: face.x + face.w * 0.25, y: face.y + face.h * 0.25, w: face.w * 0.5, h: face.h * 0.5 };
  const ratio = laplacianVariance(ext, middle) / laplacianVariance(without, middle);
  console.log(`face at 68° north (${Math.round(face.w)} x ${Math.round(face.h)} px on screen, stretched): sharpness ratio ${ratio.toFixed(3)}`);
  expect(ratio).toBeLessThan(BLURRED);
  await base.close();
});
