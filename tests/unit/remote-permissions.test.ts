// The remote API's permissions: the endpoint's host, plus consent to send website content where the manifest declares
// data collection (Firefox's build).
import { describe, expect, it } from 'vitest';
import { remotePermissions } from '../../lib/remote/permissions';

describe('remotePermissions', () => {
  it("asks for the endpoint's host only where the manifest declares no data collection (Chrome)", () => {
    expect(remotePermissions('https://api.example.com', {})).toEqual({ origins: ['https://api.example.com/*'] });
  });

  it('adds consent to send website content where it does (Firefox)', () => {
    const manifest = { browser_specific_settings: { gecko: { data_collection_permissions: { required: ['none'], optional: ['websiteContent'] } } } };
    expect(remotePermissions('http://127.0.0.1:8080', manifest)).toEqual({ origins: ['http://127.0.0.1:8080/*'], data_collection: ['websiteContent'] });
  });
});
