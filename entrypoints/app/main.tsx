// Face Blur app page glue: network guard, the photo worker with the product's detector files, and the component.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { localizePage } from '@/components/page-language';
import { FaceBlurApp } from '@/components/app/FaceBlurApp';
import { RemoteCompare } from '@/components/app/RemoteCompare';
import { resolveAssets } from '@/lib/detect/config';
import { guardFetch } from '@/lib/network-guard';
import { createPhotoService } from './photo-service';

// Bundled code in this page may only fetch the extension's files; the page's own image fetches use the original.
const pageFetch = guardFetch(globalThis, location.origin);
const assets = resolveAssets(browser.runtime.getURL as (path: string) => string); // generated at build time, not in public/

const service = createPhotoService(assets, pageFetch);

// The HTML <title> is static English; the page's title follows the browser's language.
localizePage(i18n.t('app.pageTitle'));

render(<FaceBlurApp service={service} remoteCompare={(input) => <RemoteCompare input={input} />} />, document.getElementById('app')!);
