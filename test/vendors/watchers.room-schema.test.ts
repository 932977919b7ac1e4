import { describe, expect, it } from 'vitest';
import { roomListSchema, wireRoomSchema } from '../../src/vendors/watchers/schemas.js';
import { toRoom } from '../../src/vendors/watchers/wire.js';

describe('Watchers room schema: checks what RoomOps reads, passes the rest on', () => {
  it('keeps every field Watchers sent and turns a numeric externalRoomId into the string id', () => {
    const body = { id: 7, externalRoomId: 42, status: 'LIVE', name: null, about: 'x', pic: null };
    const parsed = wireRoomSchema.parse(body);
    expect(toRoom(parsed)).toEqual({ id: '42', internalId: 7, status: 'LIVE', about: 'x', pic: null });
  });

  it('refuses a room without a field RoomOps reads, naming it', () => {
    const missing = wireRoomSchema.safeParse({ id: 7, status: 'LIVE' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['externalRoomId']);
    const wrongType = roomListSchema.safeParse([{ id: 7, externalRoomId: 'a', status: 3 }]);
    expect(wrongType.error?.issues[0]?.path).toEqual([0, 'status']);
    expect(wireRoomSchema.safeParse([1]).success).toBe(false);
    expect(wireRoomSchema.safeParse(null).success).toBe(false);
  });
});
