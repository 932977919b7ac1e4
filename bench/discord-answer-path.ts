/**
 * The CPU of the steps before a Discord HTTP interaction is answered, each
 * timed alone in this process (no load, no follow-up work beside it): what
 * the bare handler does (verify the Ed25519 signature, parse the JSON) and
 * what RoomOps adds (check the interaction field by field, claim its id in
 * the store's ledger, preview the command). Splits the latency gap between
 * the answer path itself and the work after the answer that shares the loop.
 */
import { parseRawInteraction } from '../src/platforms/discord/http/raw-interaction.js';
import { checkSignature, publicKeyFrom } from '../src/platforms/discord/http/verify-signature.js';
import { ReplayGuard } from '../src/platforms/discord/replay-guard.js';
import type { Runtime } from '../src/runtime/types.js';
import { autocomplete, chatInput, generateSigningKey, signRequest } from '../test/fakes/discord/index.js';
import { type Figure, info, round } from './stats.js';

const COUNT = 2_000;
const WARMUP = 300;
const ACTOR = { id: '400000000000000005', username: 'ann' };

export async function answerPathFigures(runtime: Pick<Runtime, 'engine' | 'store'>): Promise<Figure[]> {
  const key = generateSigningKey();
  const publicKey = publicKeyFrom(key.publicKeyHex);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const payloads = Array.from({ length: COUNT + WARMUP }, (_, i) =>
    i % 3 === 0
      ? chatInput(ACTOR, 'list', { account: 'agora' })
      : i % 3 === 1
        ? chatInput(ACTOR, 'info', { account: 'rong', room: 'lobby' })
        : autocomplete(ACTOR, 'list', { account: 'ag' }, 'account'),
  );
  const bodies = payloads.map((p) => Buffer.from(JSON.stringify(p)));
  const signatures = bodies.map((b) => signRequest(key.privateKey, timestamp, b.toString('utf8')));
  const parsedJson = bodies.map((b) => JSON.parse(b.toString('utf8')) as unknown);
  const interactions = parsedJson.map((json) => {
    const parsed = parseRawInteraction(json);
    if (parsed.kind !== 'interaction') throw new Error(`bench payload did not parse: ${parsed.kind}`);
    return parsed.interaction;
  });
  const guard = new ReplayGuard(runtime.store.interactions);

  const micros = async (step: (i: number) => unknown): Promise<number> => {
    for (let i = COUNT; i < COUNT + WARMUP; i++) await step(i);
    const started = process.cpuUsage();
    for (let i = 0; i < COUNT; i++) await step(i);
    const used = process.cpuUsage(started);
    return round((used.user + used.system) / COUNT, 1);
  };
  const verify = await micros((i) => checkSignature(publicKey, signatures[i], timestamp, bodies[i]!));
  const parse = await micros((i) => JSON.parse(bodies[i]!.toString('utf8')));
  const check = await micros((i) => parseRawInteraction(parsedJson[i]));
  const claim = await micros((i) => guard.firstDelivery(`${interactions[i]!.id}${i}`.slice(-19)));
  const preview = await micros((i) => {
    const x = interactions[i]!;
    return x.kind === 'command'
      ? runtime.engine.preview({ principal: x.principal, place: x.place, typed: x.typed })
      : undefined;
  });
  const bare = verify + parse;
  const roomops = bare + check + claim + preview;
  return [
    info('answer path CPU, bare', round(bare, 1), 'µs', `signature ${verify} µs + JSON.parse ${parse} µs`),
    info(
      'answer path CPU, RoomOps',
      round(roomops, 1),
      'µs',
      `bare + field checks ${check} µs + ledger claim ${claim} µs + preview ${preview} µs (two in three are commands)`,
    ),
  ];
}
