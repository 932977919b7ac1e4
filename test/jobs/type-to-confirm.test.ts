/**
 * DESIGN.md "Bulk": a selector over more than `bulkTypeToConfirm` rooms is
 * approved only with the account name typed. The engine, not the adapter,
 * enforces it: a bare or forged click, or a wrong name, changes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfirmOutcome } from '../../src/core/outcome.js';
import type { Principal } from '../../src/core/types.js';
import { type SandboxRuntime, startSandboxRuntime } from '../../src/app/sandbox-runtime.js';

const person = (id: string): Principal => ({
  platform: 'slack',
  id: `slack:${id}`,
  displayName: id,
  groups: [],
});
const ADMIN = person('UADMIN');
const VIEWER = person('UVIEW');
const place = { platform: 'slack' as const, channel: 'slack:C0OPS' };
const THRESHOLD = 3;
let runtime: SandboxRuntime;

beforeAll(async () => {
  runtime = await startSandboxRuntime({
    access: {
      default: 'none',
      roles: { admin: ['*'], viewer: ['read'] },
      users: { 'slack:UADMIN': 'admin', 'slack:UVIEW': 'viewer' },
    },
    bulkTypeToConfirm: THRESHOLD,
    storeUrl: `sqlite:${join(mkdtempSync(join(tmpdir(), 'roomops-typed-')), 'engine.sqlite')}`,
  });
});
afterAll(async () => {
  await runtime?.close();
});

function makeRooms(prefix: string, n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      runtime.emulators.agora.state.createRoom({
        name: `${prefix}-${i}`,
        description: 'type-to-confirm test',
        owner: 'alice',
        members: [],
        maxusers: 100,
        custom: '',
      }).id,
  );
}

async function prompt(text: string): Promise<ConfirmOutcome> {
  const asked = await runtime.engine.handle({ principal: ADMIN, place, text });
  if (asked.type !== 'confirm') throw new Error(`no prompt: ${JSON.stringify(asked)}`);
  return asked;
}

const approve = (pendingId: string, who: Principal, typed?: string) =>
  runtime.engine.decide({
    pendingId,
    decision: 'approved',
    principal: who,
    place,
    ...(typed !== undefined ? { typed } : {}),
  });

describe('type to confirm', () => {
  it('asks for the account name above the threshold, and only the exact name approves', async () => {
    const rooms = makeRooms('big', THRESHOLD + 1);
    const asked = await prompt('delete agora match=big-*');
    expect(asked.typeToConfirm).toBe('agora');
    const id = asked.pending.id;
    expect(
      await runtime.engine.typeToConfirm({ pendingId: id, decision: 'approved', principal: ADMIN, place }),
    ).toEqual({
      pendingId: id,
      expected: 'agora',
      action: 'delete',
      rooms: THRESHOLD + 1,
    });

    const bare = await approve(id, ADMIN);
    expect(bare).toMatchObject({
      type: 'mistyped',
      message: expect.stringContaining('Type the account name agora'),
    });
    const wrong = await approve(id, ADMIN, 'agora-prod');
    expect(wrong).toMatchObject({
      type: 'mistyped',
      message: expect.stringContaining('not the account name'),
    });
    expect((await runtime.store.pending.get(id))?.state).toBe('pending');
    expect(rooms.every((r) => runtime.emulators.agora.rooms.has(r))).toBe(true);
    const denied = await runtime.store.audit.query({ actor: ADMIN.id, limit: 20 });
    expect(
      denied.some((e) => e.pendingId === id && e.outcome === 'denied' && /mistyped/.test(e.detail ?? '')),
    ).toBe(true);

    const right = await approve(id, ADMIN, '  agora ');
    expect(right).toMatchObject({ type: 'decided', decision: 'approved' });
    expect((await runtime.store.pending.get(id))?.state).not.toBe('pending');
  });

  it('needs no typing at or below the threshold, nor to cancel', async () => {
    makeRooms('small', THRESHOLD);
    const asked = await prompt('delete agora match=small-*');
    expect(asked.typeToConfirm).toBeUndefined();
    expect(
      await runtime.engine.typeToConfirm({
        pendingId: asked.pending.id,
        decision: 'approved',
        principal: ADMIN,
        place,
      }),
    ).toBeUndefined();

    makeRooms('keep', THRESHOLD + 2);
    const big = await prompt('delete agora match=keep-*');
    expect(
      await runtime.engine.typeToConfirm({
        pendingId: big.pending.id,
        decision: 'cancelled',
        principal: ADMIN,
        place,
      }),
    ).toBeUndefined();
    const cancelled = await runtime.engine.decide({
      pendingId: big.pending.id,
      decision: 'cancelled',
      principal: ADMIN,
      place,
    });
    expect(cancelled).toMatchObject({ type: 'decided', decision: 'cancelled' });
  });

  it('refuses a person who may not approve before asking them to type anything', async () => {
    makeRooms('guard', THRESHOLD + 1);
    const asked = await prompt('delete agora match=guard-*');
    const pendingId = asked.pending.id;
    expect(
      await runtime.engine.typeToConfirm({ pendingId, decision: 'approved', principal: VIEWER, place }),
    ).toBeUndefined();
    expect(await approve(pendingId, VIEWER, 'agora')).toMatchObject({ type: 'refused' });
    expect((await runtime.store.pending.get(pendingId))?.state).toBe('pending');
  });
});
