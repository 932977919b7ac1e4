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

/** Directories still to remove; one exit hook for all, however many sandboxes a process opens. */
const pending = new Set<string>();
let hooked = false;

export function sandboxStoreFile(): SandboxStoreFile {
  const dir = mkdtempSync(join(tmpdir(), 'roomops-sandbox-'));
  pending.add(dir);
  if (!hooked) {
    hooked = true;
    // If the process ends without closing the sandbox (an uncaught error), the files still go.
    process.once('exit', () => {
      for (const left of pending) rmSync(left, { recursive: true, force: true });
    });
  }
  return {
    url: `sqlite://${join(dir, 'sandbox.db')}`,
    remove: () => {
      pending.delete(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
