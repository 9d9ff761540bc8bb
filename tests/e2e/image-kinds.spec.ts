// Every way a page can show a picture gets its faces covered: lazy, script-added, swapped, responsive, shadow DOM, cross-origin, object-fit.
import { expect, test } from './support/fixtures';
import { recordFrames } from './support/frames';
import { expectCovered, faceCoresOnPage, loaded, openBaseline, pageUrl, sharpestFace, shoot } from './support/helpers';

test('a lazy image below the fold is covered once scrolled into view', async ({ page, baseline, server }) => {
  await page.goto(pageUrl(server, 'lazy.html'));
  await page.waitForTimeout(500);
  expect(await page.locator('#lazy').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'not loaded before scrolling').toBe(false);
  const base = await openBaseline(baseline, pageUrl(server, 'lazy.html'));
  await page.locator('#lazy').scrollIntoViewIfNeeded();
  await expectCovered(page, base, '#lazy');
  await base.close();
});

test('an image added by script after load is covered', async ({ page, baseline, server }) => {
  await page.goto(pageUrl(server, 'dynamic.html'));
  const base = await openBaseline(baseline, pageUrl(server, 'dynamic.html'));
  await page.locator('#added').waitFor();
  await expectCovered(page, base, '#added');
  await base.close();
});

test('swapping an image src never shows the new picture sharp', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'dynamic.html');
  const next = '/data/group/insightface__t1.jpg';
  const swap = (p: typeof page) => p.locator('#swap').evaluate((img: HTMLImageElement, src) => (img.src = src), next);
  await page.goto(url);
  await expect(page.locator('#swap')).toHaveAttribute('data-faceveil', 'clear', { timeout: 30_000 });
  await page.locator('#added').waitFor(); // let the page settle: the later image must not move things during recording
  const base = await openBaseline(baseline, url);
  await base.locator('#added').waitFor();

  // Without FaceVeil the recording does see the new faces sharp: the measure can fail.
  const baseRecording = await recordFrames(base);
  await swap(base);
  await loaded(base.locator('#swap'));
  await base.waitForTimeout(300);
  const reference = await shoot(base);
  const baseFrames = await baseRecording.stop();

  const recording = await recordFrames(page);
  await swap(page);
  await expect(page.locator('#swap')).toHaveAttribute('data-faceveil', 'clear', { timeout: 30_000 });
  await page.waitForTimeout(300);
  const frames = await recording.stop();

  const cores = await faceCoresOnPage(page.locator('#swap'));
  expect(cores.length).toBeGreaterThan(2);
  const worst = (list: typeof frames) => sharpestFace(list, reference, cores);
  console.log(`src swap: ${frames.length} frames with FaceVeil, best face-detail match ${worst(frames).toFixed(3)}; without FaceVeil ${baseFrames.length} frames, ${worst(baseFrames).toFixed(3)}`);
  expect(worst(baseFrames), 'the recording without FaceVeil shows the new faces sharp').toBeGreaterThan(0.9);
  expect(worst(frames), 'a frame showed a face of the new picture sharp').toBeLessThan(0.5);
  await expectCovered(page, base, '#swap');
  await base.close();
});

test('a page that writes the same source again (a framework re-render) keeps the cover: nothing hidden, nothing rescanned', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'dynamic.html');
  await page.goto(url);
  const img = page.locator('#swap');
  await expect(img).toHaveAttribute('data-faceveil', 'clear', { timeout: 30_000 });
  const marks = await img.evaluate(async (el: HTMLImageElement) => {
    const seen: (string | null)[] = [];
    new MutationObserver(() => seen.push(el.getAttribute('data-faceveil'))).observe(el, { attributes: true, attributeFilter: ['data-faceveil'] });
    for (let i = 0; i < 20; i++) {
      el.setAttribute('src', el.getAttribute('src')!);
      await new Promise((r) => setTimeout(r, 50));
    }
    return seen;
  });
  expect(marks, 'marks the image went through while the page rewrote its source').toEqual([]);
  const base = await openBaseline(baseline, url);
  await expectCovered(page, base, '#swap');
  await base.close();
});

test('srcset and <picture> images are covered', async ({ page, baseline, server }) => {
  await page.goto(pageUrl(server, 'responsive.html'));
  const base = await openBaseline(baseline, pageUrl(server, 'responsive.html'));
  for (const selector of ['#srcset', '#picture']) {
    const c = await expectCovered(page, base, selector);
    console.log(`${selector} shows ${c.geometry.currentSrc}`);
  }
  await base.close();
});

test('a <picture> that switches source when the viewport narrows never shows the new picture sharp', async ({ page, baseline, server }) => {
  const url = pageUrl(server, 'responsive.html');
  await page.goto(url);
  await expect(page.locator('#picture')).toHaveAttribute('data-faceveil', 'clear', { timeout: 30_000 });
  const base = await openBaseline(baseline, url);
  const narrow = { width: 700, height: 900 };
  await base.setViewportSize(narrow);
  await base.locator('#picture').scrollIntoViewIfNeeded();
  await expect.poll(() => base.locator('#picture').evaluate((img: HTMLImageElement) => img.complete && img.currentSrc.includes('2008_002079'))).toBe(true);
  await base.waitForTimeout(300);
  const reference = await shoot(base);

  await page.locator('#picture').scrollIntoViewIfNeeded();
  const recording = await recordFrames(page);
  await page.setViewportSize(narrow);
  await page.locator('#picture').scrollIntoViewIfNeeded();
  await expect.poll(() => page.locator('#picture').evaluate((img: HTMLImageElement) => img.currentSrc)).toContain('2008_002079');
  await expect(page.locator('#picture')).toHaveAttribute('data-faceveil', 'clear', { timeout: 30_000 });
  await page.waitForTimeout(1500);
  const frames = await recording.stop();
  const cores = await faceCoresOnPage(page.locator('#picture'));
  expect(cores.length).toBeGreaterThan(2);
  const best = sharpestFace(frames, reference, cores);
  console.log(`<picture> source switch: ${frames.length} frames, best face-detail match ${best.toFixed(3)}`);
  expect(best, 'a frame showed a face of the new picture sharp').toBeLessThan(0.5);
  await expectCovered(page, base, '#picture');
  await base.close();
});

test('images in open shadow roots are covered (built at once, attached a moment later, a web component upgraded later)', async ({ page, baseline, server }) => {
  await page.goto(pageUrl(server, 'shadow.html'));
  const base = await openBaseline(baseline, pageUrl(server, 'shadow.html'));
  for (const selector of ['#in-shadow', '#late-shadow', '#in-component']) await expectCovered(page, base, selector);
  await base.close();
});

test('a cross-origin image without CORS headers is covered', async ({ page, baseline, server }) => {
  await page.goto(pageUrl(server, 'cross-origin.html'));
  const base = await openBaseline(baseline, pageUrl(server, 'cross-origin.html'));
  expect(await page.locator('#cross').evaluate((img: HTMLImageElement) => new URL(img.currentSrc).origin)).toBe(server.crossOrigin);
  await expectCovered(page, base, '#cross');
  await base.close();
});

test('object-fit: cover with object-position: blur lands on the faces where they are painted', async ({ page, baseline, server }) => {
  await page.goto(pageUrl(server, 'object-fit.html'));
  const base = await openBaseline(baseline, pageUrl(server, 'object-fit.html'));
  const c = await expectCovered(page, base, '#fit');
  const hidden = c.faces.filter((f) => !f.visible).length;
  console.log(`object-fit: ${c.ratios.length} faces checked, ${hidden} cropped away by object-position`);
  expect(hidden, 'object-position crops a face away').toBeGreaterThan(0);
  await base.close();
});

test('images inside a scaled or zoomed container: the covers are scaled with them', async ({ page, baseline, server }) => {
  await page.goto(pageUrl(server, 'scaled.html'));
  const base = await openBaseline(baseline, pageUrl(server, 'scaled.html'));
  for (const id of ['#in-scaled', '#in-zoomed']) await expectCovered(page, base, id);
  await base.close();
});
