/**
 * The retry, timeout and rate-limit contract every vendor client must keep
 * (DESIGN.md "Rules", src/vendors/http/retry-policy.ts), run against each
 * vendor's own emulator over real HTTP. Each *.client.test.ts calls
 * `vendorConformanceSuite` with how to build its client, one read and one
 * non-idempotent write; only vendor-specific tests stay in those files.
 */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/sandbox/kit/define-emulator.js';
import type { Fault, RecordedEmulatorRequest } from '../../src/sandbox/kit/types.js';
import { isVendorError, type VendorError } from '../../src/vendors/errors.js';
import type { VendorClientOptions, VendorHttpObserver } from '../../src/vendors/http/types.js';
import type { ItemOutcome, VendorClient } from '../../src/vendors/types.js';

/** The part of the one emulator handle the suite uses, whatever the vendor's state. */
type AnyEmulator = Pick<EmulatorHandle<unknown, unknown>, 'url' | 'server' | 'requests' | 'start' | 'stop'>;

export interface Operation {
  /** Method and exact path as the emulator logs the one request it sends. */
  method: string;
  path: string;
  /** The client's operation name, which its errors quote. */
  operation?: string;
  run(client: VendorClient): Promise<unknown>;
}

export interface WriteOperation<E extends AnyEmulator> {
  method: string;
  path: string;
  /** Sends the write for a room named after `tag` (unique per test). */
  run(client: VendorClient, tag: string): Promise<unknown>;
  /** How many times the vendor performed it, read from the emulator's state. */
  acted(emulator: E, tag: string): number;
}

export interface ConformanceVendor<E extends AnyEmulator> {
  vendor: string;
  /** The vendor's emulator factory (the one factory shape: every option defaulted). */
  createEmulator(): E;
  /** A client for an account at `baseUrl` with this per-attempt timeout, built with `options`. */
  client(baseUrl: string, timeoutMs: number, options: VendorClientOptions): VendorClient;
  /** An idempotent read (retried after timeouts, resets and 5xx). */
  read(emulator: E): Operation;
  /** A write that could act twice (never retried once it may have reached the vendor). */
  write: WriteOperation<E>;
  /** What the vendor's own 5xx and 429 answers add to the error (its code, its text). */
  serverErrorDetails?: Record<string, unknown>;
  serverErrorMessage?: string;
  rateLimitDetails?: Record<string, unknown>;
}

const TIMEOUT_MS = 3000;
const SHORT_TIMEOUT_MS = 300;
/** Longer than SHORT_TIMEOUT_MS, far shorter than three attempts would wait for it. */
const SLOW_MS = 1500;

export function vendorConformanceSuite<E extends AnyEmulator>(vendor: ConformanceVendor<E>): void {
  describe(`${vendor.vendor} client: retry and timeout conformance`, () => {
    // A fresh emulator per test: a request a client gave up on may still be
    // answered later, and must not show up in the next test's log.
    let emulator: E;
    const clients: VendorClient[] = [];
    let tags = 0;
    const open = (timeoutMs = TIMEOUT_MS, observer?: VendorHttpObserver) => {
      const made = vendor.client(emulator.url, timeoutMs, observer ? { observer } : {});
      clients.push(made);
      return made;
    };
    const nextTag = () => `conf-${vendor.vendor}-${(tags += 1)}`;

    /** Injects a fault hitting only this operation's requests. */
    const inject = (op: { path: string }, fault: Omit<Fault, 'path'>) =>
      emulator.server.injectFault({ ...fault, path: exactPath(op.path) });
    /** Statuses the emulator answered this operation with, any success as '2xx'. */
    const statuses = (op: { method: string; path: string }) =>
      answered(emulator.requests, op).map((r) => (r.status >= 200 && r.status < 300 ? '2xx' : r.status));
    const pendingFaults = () => emulator.server.faults.reduce((n, f) => n + (f.count ?? 1), 0);

    beforeEach(async () => {
      emulator = vendor.createEmulator();
      await emulator.start(0);
    });
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.close()));
      await emulator.stop();
    });

    describe('reads', () => {
      // Fault, client timeout, and what the emulator logs (a reset or a
      // timed-out attempt leaves no entry: no answer was sent).
      const once: Array<[string, Omit<Fault, 'path'>, number, Array<number | '2xx'>]> = [
        ['a 5xx', { kind: 'status', status: 503 }, TIMEOUT_MS, [503, '2xx']],
        ['a 429', { kind: 'rate_limit', retryAfter: 0 }, TIMEOUT_MS, [429, '2xx']],
        ['a reset connection', { kind: 'reset' }, TIMEOUT_MS, ['2xx']],
        ['a timed-out attempt', { kind: 'delay', delayMs: SLOW_MS }, SHORT_TIMEOUT_MS, ['2xx']],
      ];
      it.each(once)('%s is retried and the read succeeds', async (_what, fault, timeoutMs, logged) => {
        const read = vendor.read(emulator);
        inject(read, fault);
        await read.run(open(timeoutMs));
        expect(pendingFaults()).toBe(0);
        expect(statuses(read)).toEqual(logged);
      });

      const always: Array<[string, string, Omit<Fault, 'path'>, number]> = [
        ['failing with 5xx', 'vendor_unavailable', { kind: 'status', status: 503 }, TIMEOUT_MS],
        ['answering 429', 'vendor_rate_limited', { kind: 'rate_limit', retryAfter: 0 }, TIMEOUT_MS],
        ['resetting its connection', 'vendor_unavailable', { kind: 'reset' }, TIMEOUT_MS],
        ['timing out', 'vendor_timeout', { kind: 'delay', delayMs: SLOW_MS }, SHORT_TIMEOUT_MS],
      ];
      it.each(always)('a read keeps %s: three attempts, then %s', async (_what, code, fault, timeoutMs) => {
        const read = vendor.read(emulator);
        inject(read, { ...fault, count: 4 });
        const started = Date.now();
        const error = await vendorFailure(read.run(open(timeoutMs)));
        expect(error.code).toBe(code);
        // Three attempts took a fault each; the fourth is still waiting.
        expect(pendingFaults()).toBe(1);
        // Each attempt is cut at timeoutMs: far less than waiting out even two delays.
        expect(Date.now() - started).toBeLessThan(2 * SLOW_MS);
      });

      it('a malformed reply is vendor_bad_reply, not retried', async () => {
        const read = vendor.read(emulator);
        inject(read, { kind: 'malformed', count: 2 });
        const error = await vendorFailure(read.run(open()));
        expect(error.code).toBe('vendor_bad_reply');
        if (read.operation) expect(error.message).toContain(read.operation);
        expect(pendingFaults()).toBe(1);
        expect(statuses(read)).toEqual(['2xx']);
      });
    });

    describe('non-idempotent writes', () => {
      it('a 5xx is not retried: vendor_unavailable with the vendor answer, nothing done', async () => {
        const tag = nextTag();
        inject(vendor.write, { kind: 'status', status: 502, count: 2 });
        const error = await vendorFailure(vendor.write.run(open(), tag));
        expect(error.code).toBe('vendor_unavailable');
        expect(error.details).toMatchObject({ status: 502, ...vendor.serverErrorDetails });
        if (vendor.serverErrorMessage) expect(error.message).toContain(vendor.serverErrorMessage);
        expect(statuses(vendor.write)).toEqual([502]);
        expect(vendor.write.acted(emulator, tag)).toBe(0);
      });

      it('a reset connection is not retried: vendor_unavailable, nothing done', async () => {
        const tag = nextTag();
        inject(vendor.write, { kind: 'reset', count: 2 });
        const error = await vendorFailure(vendor.write.run(open(), tag));
        expect(error.code).toBe('vendor_unavailable');
        expect(pendingFaults()).toBe(1);
        expect(vendor.write.acted(emulator, tag)).toBe(0);
      });

      it('a timeout is not retried: vendor_timeout after one attempt cut at timeoutMs', async () => {
        const tag = nextTag();
        inject(vendor.write, { kind: 'delay', delayMs: SLOW_MS, count: 2 });
        const started = Date.now();
        const error = await vendorFailure(vendor.write.run(open(SHORT_TIMEOUT_MS), tag));
        expect(error.code).toBe('vendor_timeout');
        expect(Date.now() - started).toBeLessThan(SLOW_MS);
        expect(pendingFaults()).toBe(1);
        expect(vendor.write.acted(emulator, tag)).toBe(0);
      });
    });

    describe('rate limits and refused connections', () => {
      it('a 429 is retried for a write after its Retry-After, and the write is done once', async () => {
        const tag = nextTag();
        inject(vendor.write, { kind: 'rate_limit', retryAfter: 1 });
        const started = Date.now();
        await vendor.write.run(open(), tag);
        // Retry-After: 1 is honoured (the timer may fire a few ms early).
        expect(Date.now() - started).toBeGreaterThanOrEqual(950);
        expect(statuses(vendor.write)).toEqual([429, '2xx']);
        expect(vendor.write.acted(emulator, tag)).toBe(1);
      });

      it('a Retry-After longer than the time left fails at once as vendor_rate_limited', async () => {
        const read = vendor.read(emulator);
        inject(read, { kind: 'rate_limit', retryAfter: 30, count: 3 });
        const started = Date.now();
        const error = await vendorFailure(read.run(open()));
        expect(error.code).toBe('vendor_rate_limited');
        expect(error.details).toMatchObject({ retryAfterSeconds: 30, ...vendor.rateLimitDetails });
        expect(error.message).toMatch(/retry after 30 s/);
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
        expect(statuses(read)).toEqual([429]);
      });

      it('a refused connection is retried even for a write (nothing was sent), which is then done once', async () => {
        // A second emulator from the same factory, started on a free port only
        // once the client has been refused there.
        const late = vendor.createEmulator();
        const port = await freePort();
        const seen: string[] = [];
        let starting: Promise<string> | undefined;
        const observer: VendorHttpObserver = {
          vendorRequest: (_vendor, _operation, status) => {
            seen.push(status);
            if (status === 'network') starting ??= late.start(port);
          },
          rateLimitWait: () => {},
        };
        const refusedFirst = vendor.client(`http://127.0.0.1:${port}`, TIMEOUT_MS, { observer });
        const tag = nextTag();
        try {
          await vendor.write.run(refusedFirst, tag);
          expect(seen[0]).toBe('network');
          expect(seen.at(-1)).toMatch(/^2\d\d$/);
          expect(vendor.write.acted(late, tag)).toBe(1);
          expect(answered(late.requests, vendor.write)).toHaveLength(1);
        } finally {
          await refusedFirst.close();
          await starting?.catch(() => undefined);
          await late.stop();
        }
      });
    });
  });
}

function answered(
  log: readonly RecordedEmulatorRequest[],
  op: { method: string; path: string },
): RecordedEmulatorRequest[] {
  return log.filter((r) => r.method === op.method && r.path === op.path);
}

/** The value of a one-item call (`getRooms([id])`), its error thrown: a read the suite can run. */
export async function onlyItem<T>(outcomes: Promise<ItemOutcome<T>[]>): Promise<T> {
  const [outcome] = await outcomes;
  if (!outcome) throw new Error('no outcome for the one item asked');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** A Fault path (regex source between slashes) matching exactly this path. */
function exactPath(path: string): string {
  return `/^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$/`;
}

async function vendorFailure(promise: Promise<unknown>): Promise<VendorError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isVendorError(outcome)) throw new Error(`expected a VendorError, got ${String(outcome)}`);
  return outcome;
}

/** A port nothing listens on (taken from the OS, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
