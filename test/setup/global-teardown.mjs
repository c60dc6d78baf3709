import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  await globalThis.techmatchServices?.stop();
  if (globalThis.techmatchDataDir)
    await rm(globalThis.techmatchDataDir, { recursive: true, force: true });
}
