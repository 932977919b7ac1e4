/**
 * The Discord side of the interaction bench: the fake Discord plus a load
 * generator of `concurrency` people, each sending a slash command, noting
 * when the first callback arrives, and waiting for the whole answer before
 * the next. Runs in a child process when compiled, so Discord's own work does
 * not share the bot's event loop (as it would not in production).
 */
import { chatInput, FakeDiscord } from '../test/fakes/discord/index.js';

export interface LoadPlan {
  total: number;
  concurrency: number;
  mix: [string, Record<string, string>][];
}

export interface LoadFake {
  apiUrl: string;
  /** Milliseconds from INTERACTION_CREATE to the first callback, one per interaction. */
  run(plan: LoadPlan): Promise<number[]>;
  stop(): Promise<void>;
}

export async function startLoadFake(token: string): Promise<LoadFake> {
  const fake = await FakeDiscord.start({ token, deadlineMs: 60_000 });
  let sentCount = 0;
  return {
    apiUrl: fake.apiUrl,
    async run(plan) {
      await waitUntil(() => fake.connectedSockets > 0);
      const samples: number[] = [];
      let started = 0;
      const person = async () => {
        while (started < plan.total) {
          started++;
          const [sub, options] = plan.mix[sentCount++ % plan.mix.length]!;
          const sent = fake.sendInteraction(
            chatInput({ id: `4000000000000${String(sentCount % 10000).padStart(5, '0')}` }, sub, options),
          );
          samples.push(await fake.whenAcknowledged(sent));
          await fake.whenSettled(sent);
        }
      };
      await Promise.all(Array.from({ length: plan.concurrency }, person));
      return samples;
    },
    stop: () => fake.close(),
  };
}

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error('discord bench: the bot never connected to the fake gateway');
}

type ParentMessage = { type: 'run'; plan: LoadPlan } | { type: 'stop' };

/** Child-process entry: reports the fake's URL, runs plans on request. */
export async function serveLoadOverIpc(token: string): Promise<void> {
  const load = await startLoadFake(token);
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'run')
      void load.run(message.plan).then((samples) => process.send?.({ type: 'samples', samples }));
    else void load.stop().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready', apiUrl: load.apiUrl });
}
