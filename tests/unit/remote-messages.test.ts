// Unit tests for who may send remote-API messages (lib/remote/messages.ts).
import { describe, expect, it } from 'vitest';
import { fromExtensionPage } from '@/lib/remote/messages';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;

describe('fromExtensionPage', () => {
  it('accepts the popup and options page (also when the popup is opened in a tab)', () => {
    expect(fromExtensionPage({ id: ID, url: `${BASE}popup.html?tab=3` }, ID, BASE)).toBe(true);
    expect(fromExtensionPage({ id: ID, url: `${BASE}options.html` }, ID, BASE)).toBe(true);
  });
  it('refuses content scripts (their url is the web page), other extensions, and senders without a url', () => {
    expect(fromExtensionPage({ id: ID, url: 'https://evil.example/' }, ID, BASE)).toBe(false);
    expect(fromExtensionPage({ id: ID, url: `https://evil.example/${BASE}` }, ID, BASE)).toBe(false);
    expect(fromExtensionPage({ id: 'other', url: `${BASE}options.html` }, ID, BASE)).toBe(false);
    expect(fromExtensionPage({ id: ID }, ID, BASE)).toBe(false);
  });
});
