/**
 * Discord REST calls have RoomOps' outbound timeout and retry budget
 * (ROOMOPS_OUTBOUND_TIMEOUT_MS; DESIGN.md "Nothing lost after the vendor
 * acted"), not @discordjs/rest's 15 s × 4 attempts. A local server that reads
 * requests and never answers stands in for a Discord that stopped answering.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST, Routes } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discordRestOptions } from '../../../src/platforms/discord/rest-options.js';
import { registerCommands } from '../../../src/platforms/discord/registration.js';

let server: Server;
let api: string;
let received = 0;

beforeAll(async () => {
  server = createServer((req) => {
    received += 1;
    req.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
beforeEach(() => {
  received = 0;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Discord REST timeouts', () => {
  it('the adapter REST options give up on a silent Discord after the timeout and two retries', async () => {
    const rest = new REST(discordRestOptions({ DISCORD_API_URL: api, ROOMOPS_OUTBOUND_TIMEOUT_MS: '300' }));
    rest.setToken('bot-token-for-test');
    const started = Date.now();
    const error = await rest.get(Routes.gateway()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(received).toBe(3);
  });

  it('discord-register (registerCommands) is bounded the same way', async () => {
    const started = Date.now();
    const error = await registerCommands({
      token: 'bot-token-for-test',
      applicationId: '100000000000000001',
      apiUrl: api,
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(received).toBe(3);
  });

  it('defaults to a 10 s timeout when the variable is unset', () => {
    expect(discordRestOptions({})).toMatchObject({ timeout: 10_000, retries: 2 });
  });
});
