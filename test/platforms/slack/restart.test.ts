/**
 * Pending actions live in the store: a click after a restart (SQLite file)
 * works, and with PostgreSQL a click handled by a second replica works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fakes/slack/index.js';
import { PostgresSchemas } from '../../helpers/postgres-schemas.js';
import {
  ADMIN,
  ADMIN2,
  APP_TOKEN,
  BOT_TOKEN,
  pendingIdOf,
  SlackHarness,
  shown,
  USERGROUPS,
} from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'roomops-slack-'));
/**
 * Each PostgreSQL test gets a schema of its own: other runs (and other
 * versions of RoomOps) using the same database never see, or migrate, its tables.
 */
const schemas = new PostgresSchemas('roomops_slack_replicas');
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await schemas.drop();
});

describe('restart between command and click', () => {
  it('the click on a new process with the same SQLite file approves and runs the action', async () => {
    const fake = new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, usergroups: USERGROUPS });
    await fake.start();
    const storeUrl = `sqlite://${join(dir, 'roomops.db')}`;
    try {
      const first = await SlackHarness.start({ fake, storeUrl });
      const prompt = await first.ask('delete rong support-1', ADMIN);
      const id = pendingIdOf(prompt);
      await first.close();

      const second = await SlackHarness.start({ fake, storeUrl });
      try {
        expect(second.runtime.emulators.rongcloud.rooms.has('support-1')).toBe(true);
        const approved = await second.press('room_confirm', id, ADMIN2);
        expect(approved.body.replace_original).toBe(true);
        expect(shown(approved)).toContain('*Approved by*\\n<@U0ADMIN2>');
        expect(second.runtime.emulators.rongcloud.rooms.has('support-1')).toBe(false);
      } finally {
        await second.close();
      }
    } finally {
      await fake.stop();
    }
  });
});

const postgresUrl = process.env.ROOMOPS_TEST_POSTGRES_URL;

describe('two replicas sharing PostgreSQL', () => {
  it.runIf(!postgresUrl && !process.env.CI)('skipped: set ROOMOPS_TEST_POSTGRES_URL to run it', () => {
    console.warn('Slack PostgreSQL replica test skipped: ROOMOPS_TEST_POSTGRES_URL is not set');
  });

  it.runIf(!!postgresUrl || !!process.env.CI)(
    'a click on the second replica approves the action the first one prompted for, once',
    async () => {
      expect(postgresUrl, 'CI must provide ROOMOPS_TEST_POSTGRES_URL').toBeTruthy();
      const fake = new FakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, usergroups: USERGROUPS });
      await fake.start();
      const storeUrl = await schemas.fresh();
      const a = await SlackHarness.start({ fake, storeUrl });
      const b = await SlackHarness.start({ fake, storeUrl });
      try {
        const prompt = await a.ask('delete rong support-1', ADMIN);
        const id = pendingIdOf(prompt);
        const [onB, onA] = await Promise.all([
          b.press('room_confirm', id, ADMIN2),
          a.press('room_confirm', id, ADMIN),
        ]);
        const destroyed = [a, b].map(
          (h) =>
            h.runtime.emulators.rongcloud.server.log.filter((r) => r.path.endsWith('/chatroom/destroy.json'))
              .length,
        );
        expect(destroyed[0]! + destroyed[1]!).toBe(1);
        expect([onA.body.replace_original, onB.body.replace_original].filter((r) => r === true)).toHaveLength(
          1,
        );
      } finally {
        await a.close();
        await b.close();
        await fake.stop();
      }
    },
  );
});
