// The engines' files as URLs of this extension (generated at build time, so not in public/ and not typed by WXT).
import { browser } from 'wxt/browser';
import { resolveAssets } from '@/lib/detect/config';

export const assets = resolveAssets(browser.runtime.getURL as (path: string) => string);
