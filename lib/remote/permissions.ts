// What the remote API needs granted before a picture goes to it: the endpoint's host and, where the browser asks for
// consent to send data (Firefox: the manifest's data_collection_permissions), consent to send the websites' pictures.

export interface RemotePermissions {
  origins: string[];
  data_collection?: string[];
}

interface ManifestLike {
  browser_specific_settings?: { gecko?: { data_collection_permissions?: unknown } };
}

/** The permissions to request and check for `origin` (e.g. https://api.example.com), given the extension's manifest. */
export function remotePermissions(origin: string, manifest: object): RemotePermissions {
  const asksConsent = (manifest as ManifestLike).browser_specific_settings?.gecko?.data_collection_permissions !== undefined;
  return { origins: [`${origin}/*`], ...(asksConsent ? { data_collection: ['websiteContent'] } : {}) };
}
