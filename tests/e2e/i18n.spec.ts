// The interface follows the browser's language: in a French (and a German) Chromium, the popup, the right-click menu,
// the shortcut's confirmation on the page, and what FaceVeil reports (remote API errors, the app's checks and progress)
// are in that language; English stays the default.
import type { BrowserContext, Page } from '@playwright/test';
import { extensionId, launch } from './support/browser';
import { expect, test } from './support/fixtures';
import { pageUrl, tabIdOf, waitForAllMarked, watchMenuUpdates, worker } from './support/helpers';
import { boxOf } from './support/painted';
import { TWO, configureRemote, imagesPage, openPopup, routePage, startDouble } from './support/remote';

async function popupFor(context: BrowserContext, target: Page): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${await extensionId(context)}/popup.html?tab=${await tabIdOf(context, target)}`);
  await expect(popup.getByTestId('face-count')).toBeVisible();
  return popup;
}

test('in a French browser the popup, the menu and the shortcut speak French', async ({ server }) => {
  const context = await launch({ extension: true, language: 'fr' });
  try {
    // (Debian's Chromium without its l10n package keeps its own menus in English; extensions get the language asked for.)
    const sw = await worker(context);
    const page = await context.newPage();
    await page.goto(pageUrl(server, 'popup-target.html'));
    await waitForAllMarked(page);
    const popup = await popupFor(context, page);
    await expect(popup.getByTestId('face-count')).toHaveText(/^\d+ visages? floutés? dans cet onglet$/);
    await expect(popup.getByTestId('open-app')).toHaveText('Flouter une photo…');
    await expect(popup.getByText('Flouter les visages sur 127.0.0.1')).toBeVisible();
    await expect(popup.getByText('Seuil de détection')).toBeVisible();
    await expect(popup.getByText('Vidéos en lecture')).toBeVisible();
    expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(/^fr/);
    await popup.close();

    // The right-click items for a background under the pointer, titled as the menu shows them.
    const updates = await watchMenuUpdates(context);
    await page.goto(pageUrl(server, 'backgrounds.html'));
    await expect.poll(() => page.locator('#contain').getAttribute('data-faceveil-bg'), { timeout: 30_000 }).toMatch(/\bbox\b/);
    const box = await boxOf(page, '#contain');
    await page.mouse.move(box.x + 100, box.y + 150);
    await expect.poll(() => updates()).toContainEqual(['blur-whole:surface', { visible: true, title: 'Flouter tout l’arrière-plan' }]);

    // The shortcut's confirmation on the page.
    const tab = await sw.evaluate((id) => chrome.tabs.get(id), await tabIdOf(context, page));
    await sw.evaluate((tab) => (chrome.commands.onCommand as unknown as { dispatch(name: string, tab: chrome.tabs.Tab): void }).dispatch('toggle-site', tab), tab);
    await expect(page.locator('faceveil-toast').getByRole('status')).toHaveText('FaceVeil\u00a0: désactivé sur 127.0.0.1');
  } finally {
    await context.close();
  }
});

test('in a German browser the popup speaks German', async ({ server }) => {
  const context = await launch({ extension: true, language: 'de' });
  try {
    const page = await context.newPage();
    await page.goto(pageUrl(server, 'popup-target.html'));
    await waitForAllMarked(page);
    const popup = await popupFor(context, page);
    await expect(popup.getByTestId('face-count')).toHaveText(/^\d+ Gesichte?r? in diesem Tab unscharf gemacht$/);
    await expect(popup.getByTestId('open-app')).toHaveText('Ein Foto unscharf machen…');
    await expect(popup.getByText('Erkennungsschwelle')).toBeVisible();
  } finally {
    await context.close();
  }
});

test('in a French browser what FaceVeil reports is French: remote API errors, the app’s checks and progress', async ({ server }) => {
  const double = await startDouble();
  const context = await launch({ extension: true, language: 'fr' });
  try {
    const id = await extensionId(context);
    await configureRemote(context, double, { source: 'remote', password: 'wrong' });
    const refused = 'Erreur 1007\u00a0: FaceBlurest n’a pas trouvé votre compte. Vérifiez le nom d’utilisateur et le mot de passe dans les paramètres de FaceVeil.';

    // The service's refusal, as the options page's connection test reports it.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    await options.getByTestId('remote-endpoint').fill(double.url);
    await options.getByTestId('remote-username').fill('test');
    await options.getByTestId('remote-password').fill('wrong');
    await options.getByTestId('remote-test').click();
    await expect(options.getByTestId('remote-test-result')).toHaveText(refused);
    await options.getByTestId('remote-endpoint').fill('http://example.com/api');
    await options.getByTestId('remote-save').click();
    await expect(options.getByTestId('remote-form-message')).toHaveText('Le point de terminaison doit utiliser https:// (le simple http:// n’est autorisé que pour localhost).');
    await options.close();

    // The same refusal met while scanning a page: kept in storage as a phrase, worded by the popup.
    const page = await context.newPage();
    await page.goto(await routePage([context], server, 'fr-error.html', imagesPage([{ file: TWO, tag: 'fr-error' }])));
    await waitForAllMarked(page);
    const popup = await openPopup(context, id, page);
    const line = popup.getByTestId('remote-last-error');
    await expect(line).toContainText(refused);
    await expect(line).toContainText('À la place, FaceVeil floute les visages grâce à la détection sur cet appareil.');
    await popup.close();

    // The Face Blur app: a URL it will not fetch, then a photo's progress.
    const app = await context.newPage();
    await app.goto(`chrome-extension://${id}/app.html`);
    await app.getByTestId('photo-url').fill('file:///etc/passwd');
    await app.getByTestId('blur-button').click();
    await expect(app.getByTestId('app-error')).toHaveText('Seules les URL d’images en http:// et https:// peuvent être récupérées.');
    await app.getByTestId('photo-url').fill(`${server.origin}/data/${TWO}`);
    await app.getByTestId('blur-button').click();
    await expect(app.getByTestId('progress')).toContainText(/Recherche des visages|Chargement du détecteur|Décodage|Récupération/);
    await expect(app.getByTestId('photo-info')).toHaveText(/^\d+ × \d+ px · \d+ visages? · \d+ passages? du détecteur · \d+,\d\u00a0?s$/, { timeout: 60_000 });
  } finally {
    await context.close();
    await double.close();
  }
});
