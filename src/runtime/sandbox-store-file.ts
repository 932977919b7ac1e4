/**
 * The sandbox's store: a SQLite file in a fresh temporary directory, removed
 * when the sandbox closes (or the process exits). DESIGN.md "The sandbox is
 * always labelled": the sandbox never opens ROOMOPS_DATABASE_URL or
 * storage.url, so trying commands out can never write into a real store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SandboxStoreFile {
  /** A `sqlite:///…` URL for openStore. */
  url: string;
  /** Removes the directory and everything in it; safe to call twice. */
  remove(): void;
}

export function sandboxStoreFile(): SandboxStoreFile {
  const dir = mkdtempSync(join(tmpdir(), 'roomops-sandbox-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  // If the process ends without closing the sandbox (an uncaught error), the file still goes.
  process.once('exit', removeDir);
  return {
    url: `sqlite://${join(dir, 'sandbox.db')}`,
    remove: () => {
      process.off('exit', removeDir);
      removeDir();
    },
  };
}
