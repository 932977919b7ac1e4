/**
 * The shared HTTP front of every vendor client: one keep-alive pool per
 * account, pacing under the account's rate limit, per-attempt timeouts,
 * retries as DESIGN.md's rules allow, the vendor's own error classification,
 * zod validation of every body, and credential scrubbing everywhere.
 */
import { type Dispatcher, Pool } from 'undici';
import type { z } from 'zod';
import { VendorError } from '../errors.js';
import { AttemptDeadline } from './attempt-deadline.js';
import { recordedRequest, standInResponse, type WireRequest } from './dry-run.js';
import { networkFailure } from './network-errors.js';
import { assertPathUnchanged } from './path-guard.js';
import { Pacer } from './pacer.js';
import { Redactor } from './redact.js';
import { type AttemptFailure, backoffMs, MAX_ATTEMPTS, mayRetry } from './retry-policy.js';
import type {
  CallResult,
  RawResponse,
  RecordedRequest,
  RequestSpec,
  VendorHttpApi,
  VendorHttpOptions,
} from './types.js';

export interface HttpLogger {
  debug(obj: object, msg?: string): void;
}

export class VendorHttp implements VendorHttpApi {
  private readonly pool: Pool | undefined;
  private readonly pacer: Pacer;
  private readonly redactor: Redactor;
  private readonly origin: string;
  private readonly maxReplyBytes: number;

  constructor(private readonly options: VendorHttpOptions & { logger?: HttpLogger }) {
    this.origin = new URL(options.baseUrl).origin;
    this.maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES;
    this.pacer = new Pacer(options.rateLimit);
    this.redactor = new Redactor(options.secrets);
    this.pool = options.recorder
      ? undefined
      : new Pool(this.origin, {
          connections: 32,
          keepAliveTimeout: 30_000,
          connect: { timeout: options.timeoutMs },
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        });
  }

  async call<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<CallResult<z.output<S>>> {
    // Before anything is sent or recorded: the path must reach the vendor as built.
    assertPathUnchanged(this.origin, spec.path, spec.operation, (text) => this.redactor.text(text));
    if (this.options.recorder) return this.recordInstead(this.options.recorder, spec, schema);
    const startedAt = Date.now();
    const deadline = startedAt + this.options.timeoutMs;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const outcome = await this.attempt(spec);
      if ('response' in outcome) return this.accept(outcome.response, spec, schema);
      const failure = outcome.failure;
      if (attempt >= MAX_ATTEMPTS || !mayRetry(failure, spec)) throw failure.error;
      const retryAfter = failure.error.details.retryAfterSeconds;
      const wait = backoffMs(attempt, retryAfter);
      if (retryAfter !== undefined && Date.now() + wait > deadline) {
        // Waiting would outlast the call's budget: fail now and say when to retry.
        throw new VendorError(
          'vendor_rate_limited',
          `${this.options.vendor} is rate limiting ${spec.operation}; retry after ${Math.ceil(retryAfter)} s`,
          { ...failure.error.details, operation: spec.operation },
        );
      }
      this.options.logger?.debug(
        {
          vendor: this.options.vendor,
          account: this.options.account,
          operation: spec.operation,
          attempt,
          waitMs: Math.round(wait),
          code: failure.error.code,
        },
        'retrying vendor request',
      );
      await sleep(wait);
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  /**
   * `--dry-run`: records the request as it would be sent (a check is not
   * shown) and answers it with its stand-in, validated like a real reply.
   */
  private async recordInstead<S extends z.ZodType>(
    recorder: RecordedRequest[],
    spec: RequestSpec,
    schema: S,
  ): Promise<CallResult<z.output<S>>> {
    const wire = wireForm(spec, (await this.options.authorize?.(spec)) ?? {});
    if (!spec.check) recorder.push(recordedRequest(spec, this.origin, wire, this.redactor));
    return this.accept(standInResponse(spec, this.options.standIn), spec, schema);
  }

  private async attempt(spec: RequestSpec): Promise<{ response: RawResponse } | { failure: AttemptFailure }> {
    // Most vendors authorize synchronously: no await (and no extra tick) for them.
    const authorized = this.options.authorize?.(spec);
    const auth = (authorized instanceof Promise ? await authorized : authorized) ?? {};
    const { path, headers, body } = wireForm(spec, auth);

    const queued = performance.now();
    if (!this.pacer.tryAcquire()) await this.pacer.acquire();
    const started = performance.now();
    this.options.observer?.rateLimitWait(this.options.account, (started - queued) / 1000);
    const deadline = new AttemptDeadline(this.options.timeoutMs);
    try {
      // No pool only under --dry-run, which call() answered before any attempt.
      const res = await this.pool!.request({
        method: spec.method,
        path,
        headers,
        body,
        signal: deadline,
      });
      const text = await readCapped(res, this.maxReplyBytes);
      const responseHeaders = flattenHeaders(res.headers);
      const response: RawResponse = {
        status: res.statusCode,
        headers: responseHeaders,
        body: parseBody(text, responseHeaders['content-type']),
        text,
      };
      this.options.logger?.debug(
        {
          vendor: this.options.vendor,
          account: this.options.account,
          operation: spec.operation,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'vendor request',
      );
      this.observe(spec, String(res.statusCode), started);
      const error = this.options.classify(response, spec);
      if (error) return { failure: { error: this.scrubError(error, response), notSent: false } };
      return { response };
    } catch (error) {
      if (error instanceof ReplyTooLarge) {
        const message = `${this.options.vendor} ${spec.operation}: reply larger than the ${formatBytes(error.cap)} cap (accounts.${this.options.account}.maxReplyBytes); not read`;
        this.observe(spec, 'bad_reply', started);
        return {
          failure: {
            error: new VendorError('vendor_bad_reply', message, {
              operation: spec.operation,
              status: error.status,
            }),
            notSent: false,
          },
        };
      }
      const failure = networkFailure(
        error,
        `${this.options.vendor} ${spec.operation}`,
        this.options.timeoutMs,
      );
      this.observe(spec, failure.error.code === 'vendor_timeout' ? 'timeout' : 'network', started);
      return { failure };
    } finally {
      deadline.clear();
    }
  }

  private accept<S extends z.ZodType>(
    response: RawResponse,
    spec: RequestSpec,
    schema: S,
  ): CallResult<z.output<S>> {
    const requestId = this.options.requestIdOf?.(response);
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
      throw new VendorError(
        'vendor_bad_reply',
        `${this.options.vendor} ${spec.operation}: unexpected reply${where} (${issue?.message ?? 'not the documented shape'})`,
        { status: response.status, operation: spec.operation, ...(requestId ? { requestId } : {}) },
      );
    }
    return { data: parsed.data, status: response.status, ...(requestId ? { requestId } : {}) };
  }

  private observe(spec: RequestSpec, status: string, started: number): void {
    this.options.observer?.vendorRequest(
      this.options.vendor,
      spec.operation,
      status,
      (performance.now() - started) / 1000,
    );
  }

  /** A vendor may echo a credential back in its error text: mask it there too. */
  private scrubError(error: VendorError, response: RawResponse): VendorError {
    const requestId = error.details.requestId ?? this.options.requestIdOf?.(response);
    const details = {
      ...error.details,
      ...(error.details.vendorMessage
        ? { vendorMessage: this.redactor.text(error.details.vendorMessage) }
        : {}),
      ...(requestId ? { requestId } : {}),
      status: error.details.status ?? response.status,
    };
    return new VendorError(error.code, this.redactor.text(error.summary), details);
  }
}

/** Path with query, headers with authentication and content type, and the encoded body. */
function wireForm(
  spec: RequestSpec,
  auth: Record<string, string>,
): WireRequest & { body: string | undefined } {
  const headers: Record<string, string> = { accept: 'application/json', ...spec.headers, ...auth };
  const body = encodeBody(spec, headers);
  return { path: withQuery(spec.path, spec.query), headers, body };
}

function withQuery(path: string, query: RequestSpec['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined) params.append(key, String(value));
  const qs = params.toString();
  if (!qs) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${qs}`;
}

function encodeBody(spec: RequestSpec, headers: Record<string, string>): string | undefined {
  if (!spec.body) return undefined;
  if (spec.body.kind === 'json') {
    headers['content-type'] ??= 'application/json';
    return JSON.stringify(spec.body.value);
  }
  headers['content-type'] ??= 'application/x-www-form-urlencoded';
  const params = new URLSearchParams();
  for (const [key, value] of spec.body.pairs) params.append(key, value);
  return params.toString();
}

/** undici already lower-cases the names; only repeated headers need joining. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  const looksJson =
    contentType?.includes('json') || /^\s*[[{"]/.test(text) || /^\s*(true|false|null|-?\d)/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const DEFAULT_MAX_REPLY_BYTES = 5 * 1024 * 1024;

/** A reply body over the cap; the attempt turns it into vendor_bad_reply. */
class ReplyTooLarge extends Error {
  constructor(
    readonly cap: number,
    readonly status: number,
  ) {
    super(`reply larger than ${cap} bytes`);
  }
}

/**
 * Reads the body up to `cap` bytes. Past it (or when Content-Length already
 * says so) the stream is destroyed, which makes undici drop the connection
 * rather than drain the rest into memory.
 */
async function readCapped(res: Dispatcher.ResponseData, cap: number): Promise<string> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared)) {
    if (declared > cap) {
      res.body.destroy();
      throw new ReplyTooLarge(cap, res.statusCode);
    }
    // The HTTP parser stops at Content-Length, so the body cannot outgrow it:
    // undici's own reader is then safe and much cheaper than iterating chunks.
    return res.body.text();
  }
  // Events, not `for await`: the async iterator costs more per reply than the read itself.
  const body = res.body;
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        body.destroy();
        reject(new ReplyTooLarge(cap, res.statusCode));
      } else chunks.push(chunk);
    });
    body.once('end', () =>
      resolve(
        chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8'),
      ),
    );
    body.once('error', reject);
  });
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
