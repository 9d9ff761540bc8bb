// Removes the browser profiles the run left behind (a context's own clean-up can lose a race with Chromium's exit).
import { rm } from 'node:fs/promises';
import { PROFILES_DIR } from './browser';

export default async function globalTeardown(): Promise<void> {
  await rm(PROFILES_DIR, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
