import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  sandboxAccounts,
  sandboxConfigYaml,
  startSandboxEmulators,
} from '../../src/sandbox/sandbox-emulators.js';

const listen = (server: Server, port = 0) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
async function isFree(port: number): Promise<boolean> {
  const probe = createServer();
  return listen(probe, port).then(
    () => close(probe).then(() => true),
    () => false,
  );
}

describe('the four sandbox emulators together', () => {
  it('start on four ports, each answering as its vendor, and stop together', async () => {
    const sandbox = await startSandboxEmulators();
    const urls = Object.values(sandbox.urls);
    try {
      expect(new Set(urls).size).toBe(4);
      expect(sandbox.iflychat.url).toBe(sandbox.urls.iflychat);
      for (const url of urls) expect((await fetch(`${url}/__sandbox/requests`)).status).toBe(200);
    } finally {
      await sandbox.stop();
    }
    for (const url of urls) await expect(fetch(`${url}/__sandbox/requests`)).rejects.toThrow();
  });

  it('when one port is taken, stops the ones it started and says why', async () => {
    // A taken port T whose two predecessors are free: iFlyChat and RongCloud start there, Watchers fails on T.
    const blocker = createServer();
    let taken = 0;
    for (let tries = 0; tries < 20 && !taken; tries++) {
      const port = await listen(blocker);
      if (port > 1026 && (await isFree(port - 2)) && (await isFree(port - 1))) taken = port;
      else await close(blocker);
    }
    expect(taken).toBeGreaterThan(0);
    try {
      const error = await startSandboxEmulators(taken - 2).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'EADDRINUSE' });
      expect(await isFree(taken - 2)).toBe(true);
      expect(await isFree(taken - 1)).toBe(true);
    } finally {
      await close(blocker);
    }
  });

  it('print a roomops.yml with the sandbox accounts, at default timeouts', () => {
    const urls = {
      iflychat: 'http://127.0.0.1:1',
      rongcloud: 'http://127.0.0.1:2',
      watchers: 'http://127.0.0.1:3',
      agora: 'http://127.0.0.1:4',
    };
    const text = sandboxConfigYaml(urls);
    expect(text.startsWith('# RoomOps sandbox:')).toBe(true);
    expect(text).toContain('announceAs: { id: roomops, name: RoomOps }');
    const expected = Object.fromEntries(
      Object.entries(sandboxAccounts(urls)).map(([name, { timeoutMs: _runtimeOnly, ...rest }]) => [
        name,
        rest,
      ]),
    );
    expect((parse(text) as { accounts: unknown }).accounts).toEqual(expected);
  });
});
