/**
 * RongCloud's success replies for `--dry-run` (VendorHttpOptions.standIn):
 * every endpoint answers `{"code":200}`; get.json also describes the room
 * asked for (so a delete's existence checks find every room and the one
 * destroy.json names them all, as a real run against existing rooms would),
 * and user/query.json lists nobody. Never shown: a dry run answers with the
 * recorded requests.
 */
import type { RequestSpec } from '../http/types.js';

export function rongcloudStandIn(spec: RequestSpec): unknown {
  switch (spec.operation) {
    case 'chatroom/get.json':
      return {
        code: 200,
        chatroomId: formValue(spec, 'chatroomId'),
        createTime: 0,
        memberCount: 0,
        destroyType: 0,
        destroyTime: 0,
        ban: false,
      };
    case 'chatroom/user/query.json':
      return { code: 200, total: 0, users: [] };
    default:
      return { code: 200 };
  }
}

function formValue(spec: RequestSpec, key: string): string | undefined {
  return spec.body?.kind === 'form' ? spec.body.pairs.find(([k]) => k === key)?.[1] : undefined;
}
