/**
 * Discord's side of the HTTP-interactions bench, in a process of its own
 * when compiled (so its work does not share RoomOps' event loop): the fake
 * Discord receiving webhook edits, an Ed25519 key, and a driver that sends
 * pre-signed interactions with a fixed number in flight and times each
 * complete HTTP answer.
 */
import { Agent, request } from 'undici';
import {
  autocomplete,
  chatInput,
  FakeDiscord,
  generateSigningKey,
  type SigningKey,
  signRequest,
} from '../test/fakes/discord/index.js';

type Json = Record<string, unknown>;
/** How long RoomOps may take to finish the work its defers promised after a round. */
const SETTLE_TIMEOUT_MS = 30_000;
type Signed = { payload: Json; body: string; headers: Record<string, string> };

const ACTOR = { id: '400000000000000004', username: 'vic' };
const MIX: (() => Json)[] = [
  () => chatInput(ACTOR, 'list', { account: 'agora' }),
  () => chatInput(ACTOR, 'info', { account: 'rong', room: 'lobby' }),
  () => chatInput(ACTOR, 'help'),
  () => chatInput(ACTOR, 'list', { account: 'no-such-account' }),
  () => autocomplete(ACTOR, 'list', { account: 'ag' }, 'account'),
];
export const MIX_NOTE =
  'Mix: list agora, info rong lobby, help, an unknown account (answered at once), account autocomplete.';

export interface DriveRequest {
  url: string;
  count: number;
  concurrency: number;
  /** Let the fake accept RoomOps' webhook edits for these interactions. */
  track: boolean;
}

export interface Driver {
  apiUrl: string;
  publicKeyHex: string;
  drive(request: DriveRequest): Promise<number[]>;
  stop(): Promise<void>;
}

function signAll(key: SigningKey, count: number): Signed[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, n) => {
    const payload = MIX[n % MIX.length]!();
    const body = JSON.stringify(payload);
    const signature = signRequest(key.privateKey, timestamp, body);
    return {
      payload,
      body,
      headers: {
        'content-type': 'application/json',
        'x-signature-timestamp': timestamp,
        'x-signature-ed25519': signature,
      },
    };
  });
}

export async function startDriver(): Promise<Driver> {
  const fake = await FakeDiscord.start({ token: 'bench-bot-token' });
  const key = generateSigningKey();
  const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  return {
    apiUrl: fake.apiUrl,
    publicKeyHex: key.publicKeyHex,
    async drive({ url, count, concurrency, track }) {
      // Signed before the clock starts: signing is Discord's cost, not RoomOps'.
      const requests = signAll(key, count);
      const samples: number[] = [];
      const deferred: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < requests.length) {
          const r = requests[next++]!;
          const tracked = track ? fake.trackHttpInteraction(r.payload) : undefined;
          const started = performance.now();
          const res = await request(url, {
            method: 'POST',
            body: r.body,
            headers: r.headers,
            dispatcher: agent,
          });
          const text = await res.body.text();
          samples.push(performance.now() - started);
          if (res.statusCode !== 200) throw new Error(`answered ${res.statusCode}: ${text.slice(0, 200)}`);
          const answer = text ? (JSON.parse(text) as { type?: number }) : undefined;
          tracked?.answered(res.statusCode, answer);
          if (track && answer?.type === 5) deferred.push(String(r.payload.token));
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      // The work a defer promised is RoomOps' too: finished (its webhook call in) before the next round.
      const due = performance.now() + SETTLE_TIMEOUT_MS;
      const promised = deferred.filter(
        (token) => !fake.callsFor(token).some((c) => c.via !== 'http-response'),
      );
      while (promised.length > 0 && performance.now() < due) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        for (let i = promised.length - 1; i >= 0; i--)
          if (fake.callsFor(promised[i]!).some((c) => c.via !== 'http-response')) promised.splice(i, 1);
      }
      if (promised.length > 0)
        throw new Error(`${promised.length} deferred interactions were never finished`);
      return samples;
    },
    async stop() {
      await agent.close();
      await fake.close();
    },
  };
}

type ParentMessage = { type: 'drive'; request: DriveRequest } | { type: 'stop' };

export async function serveDriverOverIpc(): Promise<void> {
  const driver = await startDriver();
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'drive') {
      driver.drive(message.request).then(
        (samples) => process.send?.({ type: 'samples', samples }),
        (error: unknown) => process.send?.({ type: 'error', error: String(error) }),
      );
    } else void driver.stop().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready', apiUrl: driver.apiUrl, publicKeyHex: driver.publicKeyHex });
}
