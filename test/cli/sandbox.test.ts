/**
 * `roomops sandbox --port N`: the four emulators on consecutive ports from N,
 * a matching roomops.yml on stdout, running until SIGTERM. Needs the build (dist/).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseJson, type RunningSandbox, roomops, startSandboxProcess, tempDir } from './helpers.js';

const dir = tempDir();
let sandbox: RunningSandbox | undefined;

afterAll(async () => {
  await sandbox?.stop();
});

/** A random first port; retried when something else holds one of the four. */
async function startOnSomePort(): Promise<{ sandbox: RunningSandbox; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    try {
      return { sandbox: await startSandboxProcess(dir, port), port };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

describe('roomops sandbox', () => {
  it('prints a roomops.yml for consecutive ports that `run --config` uses, and stops on SIGTERM', async () => {
    const started = await startOnSomePort();
    sandbox = started.sandbox;
    const config = parse(sandbox.yaml) as { accounts: Record<string, { vendor: string; baseUrl: string }> };
    expect(Object.keys(config.accounts)).toEqual(['ifly', 'rong', 'watch', 'agora']);
    expect(Object.values(config.accounts).map((a) => a.baseUrl)).toEqual(
      [0, 1, 2, 3].map((i) => `http://127.0.0.1:${started.port + i}`),
    );

    const file = join(dir, 'sandbox.yml');
    writeFileSync(file, sandbox.yaml);
    const env = { ROOMOPS_DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` };
    const [agora, rong] = await Promise.all([
      roomops(['run', 'list agora', '--config', file, '--json'], { cwd: dir, env }),
      roomops(['run', '--config', file, 'info rong lobby', '--json'], { cwd: dir, env }),
    ]);
    expect(agora.code, agora.stdout + agora.stderr).toBe(0);
    const json = parseJson(agora);
    expect(json).toMatchObject({ ok: true, action: 'list', account: 'agora', vendor: 'agora' });
    expect(json.result.rooms.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['Town hall', 'Support', 'Beta testers']),
    );
    expect(rong.code, rong.stdout).toBe(0);

    const code = await sandbox.stop();
    expect(code).toBe(0);
    await expect(fetch(`${config.accounts.agora!.baseUrl}/__sandbox/requests`)).rejects.toThrow();
  });
});
