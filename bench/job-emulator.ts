/**
 * The vendor side of the bulk-job bench, run as its own process: an Agora
 * emulator enforcing 100 requests/s per endpoint, seeded with `bench-NNNN`
 * rooms. Prints `{"url": …}` on stdout once listening; exits on SIGTERM.
 */
import { createAgoraEmulator } from '../src/sandbox/agora/emulator.js';

export async function serveBulkJobEmulator(rooms: number, ratePerSecond: number): Promise<void> {
  const agora = createAgoraEmulator({ rateLimitPerSecond: ratePerSecond });
  for (let i = 0; i < rooms; i++) {
    agora.state.createRoom({
      name: `bench-${String(i).padStart(4, '0')}`,
      description: 'bench',
      owner: 'alice',
      members: [],
      maxusers: 100,
      custom: '',
    });
  }
  const url = await agora.start();
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  await new Promise<void>((resolve) => process.once('SIGTERM', resolve));
  await agora.stop();
}
