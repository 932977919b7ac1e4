/**
 * The series DESIGN.md "Operations" names, in one prom-client Registry per
 * process (passed in, never the library's global one), and the Observer the
 * core, the vendor layer and the platforms report through.
 *
 * Labels stay bounded: callers pass action names, error codes, endpoint
 * templates and account names; anything that does not look like one (a
 * stray id, a URL) is counted under `other` rather than becoming a series.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ConfirmationDecision, Observer } from '../core/observer.js';

/** What `roomops_jobs` reports: jobs by state, read from the store at scrape time. */
export type CountJobsByState = () => Promise<Record<string, number>>;

export interface RoomOpsMetrics {
  readonly registry: Registry;
  readonly observer: Observer;
  /** Lets the job store feed `roomops_jobs` once it exists; without it the series has no samples. */
  countJobsWith(count: CountJobsByState): void;
}

const PLATFORMS = new Set(['slack', 'discord', 'shell']);
const DECISIONS = new Set<ConfirmationDecision>(['approved', 'cancelled', 'expired', 'refused']);
/** A label value that cannot be an id or a URL: a short word of letters, `_`, `-`, `.`, `/`, `{}`, `()`, spaces. */
const WORD = /^[A-Za-z][\w.\-/{}() ]{0,62}$/;
/** Endpoint templates carry `{id}`, never a number: a run of digits means an id slipped in. */
const HAS_DIGIT_RUN = /\d{3,}/;

const bounded = (value: string): string => (WORD.test(value) ? value : 'other');
const template = (value: string): string => (HAS_DIGIT_RUN.test(value) ? 'other' : bounded(value));

export function createMetrics(): RoomOpsMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let countJobs: CountJobsByState | undefined;

  const commands = new Counter({
    name: 'roomops_commands_total',
    help: 'Commands handled, by platform, action and outcome (ok, confirm, dry_run or the error code).',
    labelNames: ['platform', 'action', 'outcome'] as const,
    registers: [registry],
  });
  const ack = new Histogram({
    name: 'roomops_ack_seconds',
    help: 'Time from a platform request arriving to its acknowledgement (Slack and Discord allow 3 s).',
    labelNames: ['platform'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  const vendorRequests = new Counter({
    name: 'roomops_vendor_requests_total',
    help: 'Vendor HTTP attempts, by vendor, endpoint template and HTTP status (or timeout, network).',
    labelNames: ['vendor', 'operation', 'status'] as const,
    registers: [registry],
  });
  const vendorSeconds = new Histogram({
    name: 'roomops_vendor_request_seconds',
    help: 'Duration of vendor HTTP attempts, by vendor and endpoint template.',
    labelNames: ['vendor', 'operation'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const rateLimitWait = new Histogram({
    name: 'roomops_rate_limit_wait_seconds',
    help: "Time a vendor request waited for its account's rateLimit before being sent.",
    labelNames: ['account'] as const,
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const confirmations = new Counter({
    name: 'roomops_confirmations_total',
    help: 'Confirmation prompts decided: approved, cancelled, expired, refused (clicker not allowed).',
    labelNames: ['decision'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'roomops_jobs',
    help: 'Durable jobs in the store, by state.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!countJobs) return;
      const counts = await countJobs().catch(() => undefined);
      for (const [state, n] of Object.entries(counts ?? {})) this.set({ state: bounded(state) }, n);
    },
  });
  const jobItems = new Counter({
    name: 'roomops_job_items_total',
    help: 'Items of durable jobs finished, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });

  const observer: Observer = {
    command(platform, action, outcome) {
      commands.inc({
        platform: PLATFORMS.has(platform) ? platform : 'other',
        action: bounded(action),
        outcome: bounded(outcome),
      });
    },
    ack(platform, seconds) {
      ack.observe({ platform: PLATFORMS.has(platform) ? platform : 'other' }, seconds);
    },
    confirmation(decision) {
      confirmations.inc({ decision: DECISIONS.has(decision) ? decision : 'other' });
    },
    jobItem(outcome) {
      jobItems.inc({ outcome: bounded(outcome) });
    },
    vendorRequest(vendor, operation, status, seconds) {
      const labels = { vendor: bounded(vendor), operation: template(operation) };
      vendorRequests.inc({
        ...labels,
        status: /^\d{3}$|^timeout$|^network$/.test(status) ? status : 'other',
      });
      vendorSeconds.observe(labels, seconds);
    },
    rateLimitWait(account, seconds) {
      rateLimitWait.observe({ account: bounded(account) }, seconds);
    },
  };

  return {
    registry,
    observer,
    countJobsWith(count) {
      countJobs = count;
    },
  };
}
