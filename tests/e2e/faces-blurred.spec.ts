// What a user sees on a page of group photos: every clearly visible face blurred, everything else untouched.
import { expect, test } from './support/fixtures';
import { compareImage, describeRatios, marks, openBaseline, pageUrl, waitForAllClear, BLURRED } from './support/helpers';
import { grow, meanAbsDiff, patchesAvoiding, type Region } from './support/sharpness';

test('faces in group photos are blurred on screen, the rest of each photo is unchanged', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'group.html');
  const started = Date.now();
  await page.goto(url);
  const { timedOut } = await waitForAllClear(page);
  console.log(`group.html: all ${(await marks(page)).length} images scanned and covered ${Date.now() - started} ms after navigation started${timedOut ? ' (one hit the scan time limit first)' : ''}`);
  expect(await marks(page)).toEqual(['clear', 'clear', 'clear', 'clear']);

  const base = await openBaseline(baseline, url);
  const images = await page.locator('img').all();
  let present = 0;
  let blurred = 0;
  const required: string[] = [];
  const all: number[] = [];
  for (const [i, img] of images.entries()) {
    const name = (await img.getAttribute('data-label'))!;
    const c = await compareImage(img, base.locator('img').nth(i));
    console.log(describeRatios(name, c.ratios));
    for (const r of c.ratios) {
      present++;
      all.push(r.ratio);
      // Faces cut by the photo's frame too (the selfie's bottom-left one shows a third of itself).
      if (r.ratio < BLURRED) blurred++;
      else required.push(`${name} face ${JSON.stringify(r.face.face)}: ratio ${r.ratio.toFixed(3)}`);
    }

    // Away from every labelled face (counted or not), FaceVeil must not change a pixel that matters.
    const avoid: Region[] = c.faces.map((f) => grow(f.box, 0.35));
    const patches = patchesAvoiding(c.ext, avoid);
    const diffs = patches.map((p) => meanAbsDiff(c.ext, c.base, p));
    const mean = diffs.reduce((a, b) => a + b, 0) / Math.max(1, diffs.length);
    console.log(`  ${patches.length} patches away from faces: mean abs diff ${mean.toFixed(3)}, max ${Math.max(0, ...diffs).toFixed(3)}`);
    expect(patches.length, `${name}: patches away from faces`).toBeGreaterThan(10);
    expect(mean, `${name}: mean abs diff away from faces`).toBeLessThan(0.5);
    // A few patches may hold a detection that is not in the labels (a real false positive), never many.
    expect(diffs.filter((d) => d > 2).length, `${name}: changed patches away from faces`).toBeLessThanOrEqual(Math.ceil(patches.length * 0.03));
  }
  console.log(`faces blurred / faces present (>= 40 px tall on screen): ${blurred}/${present}`);
  const covered = all.filter((r) => r < BLURRED);
  console.log(`sharpness ratio (with / without FaceVeil) of blurred faces: ${Math.min(...covered).toFixed(4)}..${Math.max(...covered).toFixed(4)}; faces left sharp: ${all.filter((r) => r >= BLURRED).map((r) => r.toFixed(3)).join(', ') || 'none'}`);
  expect(present).toBeGreaterThan(10);
  expect(required, 'faces left sharp').toEqual([]);
  await base.close();
});
