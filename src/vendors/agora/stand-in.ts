/**
 * Agora Chat's success replies for `--dry-run` (VendorHttpOptions.standIn),
 * built from the request: details find every room asked for, a batch add or
 * remove succeeds for every user named (so no one-by-one retry follows, as in
 * a real run where all succeed), lists are empty, and a create's new id is
 * `<new room id>`, since only Agora can assign it. Never shown: a dry run
 * answers with the recorded requests.
 */
import type { RequestSpec } from '../http/types.js';
import { splitPathList } from './wire.js';

export function agoraStandIn(spec: RequestSpec): unknown {
  switch (spec.operation) {
    case 'chatrooms/create':
      return { data: { id: '<new room id>' } };
    case 'chatrooms/list':
    case 'chatrooms/members':
      return { data: [] };
    case 'chatrooms/details':
      return { data: lastSegmentList(spec).map((id) => ({ id })) };
    case 'chatrooms/announcement':
      return { data: { announcement: '' } };
    case 'chatrooms/members.add': {
      const body = spec.body?.kind === 'json' ? (spec.body.value as { usernames?: string[] }) : undefined;
      return body?.usernames ? { data: { newmembers: body.usernames } } : { data: { result: true } };
    }
    case 'chatrooms/members.remove': {
      const users = lastSegmentList(spec);
      // Several users share one path segment; one user goes to the single-user endpoint.
      return users.length > 1
        ? { data: users.map((user) => ({ user, result: true })) }
        : { data: { result: true } };
    }
    default:
      return { data: {} };
  }
}

function lastSegmentList(spec: RequestSpec): string[] {
  return splitPathList(spec.path.slice(spec.path.lastIndexOf('/') + 1));
}
