import type { z } from 'zod';
import type { VendorError } from '../errors.js';
import type { VendorName } from '../types.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type RequestBody =
  | { kind: 'json'; value: unknown }
  /** Form fields in order; a list is several pairs with the same key (RongCloud). */
  | { kind: 'form'; pairs: ReadonlyArray<readonly [string, string]> };

/** One vendor request, before authentication headers are added. */
export interface RequestSpec {
  method: HttpMethod;
  /** Path after the account's base URL, including any vendor prefix, e.g. `/api/1.1/room/create`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  body?: RequestBody;
  /**
   * True when sending it twice cannot act twice: reads (including reads sent as
   * POST) and naturally idempotent writes. Only these are retried after a
   * timeout, reset or 5xx; a 429 or a refused connection is retried for any.
   */
  idempotent: boolean;
  /** Short name for errors and logs, e.g. `chatroom/destroy.json`. */
  operation: string;
  /**
   * A read that only checks around a change — which rooms exist before a
   * delete, the room as the vendor has it after a change — rather than
   * something the command was asked to do. `--dry-run` answers it (with the
   * vendor's stand-in reply) but does not show it: nothing changed, so there
   * is nothing to check.
   */
  check?: boolean;
  /**
   * The reply `--dry-run` takes as given for this request when the vendor's
   * stand-in (VendorHttpOptions.standIn) cannot know it, because it depends
   * on what the client is looking for (iFlyChat's update finds its room in
   * the whole list). Validated with the request's schema like a real reply.
   */
  standIn?: unknown;
}

/** What came back, body parsed as JSON when it is JSON, else the text. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  text: string;
}

/** A request as shown by `--dry-run`: credentials already redacted. */
export interface RecordedRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface VendorHttpOptions {
  vendor: VendorName;
  /** Account name, for logs and errors. */
  account: string;
  /** Scheme, host and port. */
  baseUrl: string;
  timeoutMs: number;
  /** Largest reply body read; a longer one is vendor_bad_reply and its connection is dropped. Default 5 MiB. */
  maxReplyBytes?: number;
  /** Requests per second to pace to. */
  rateLimit: number;
  /** Every credential value of the account: scrubbed from URLs, headers, bodies and messages. */
  secrets: readonly string[];
  /**
   * Adds authentication to one attempt. Called again for every retry, so a
   * fresh nonce and timestamp (RongCloud) or a renewed token (Agora) is used.
   */
  authorize?: (spec: RequestSpec) => Promise<Record<string, string>> | Record<string, string>;
  /** Turns a response into a VendorError, or undefined when it is a success. */
  classify: (res: RawResponse, spec: RequestSpec) => VendorError | undefined;
  /** The vendor's request id from a response (header or body), if any. */
  requestIdOf?: (res: RawResponse) => string | undefined;
  /**
   * When set, requests are recorded here instead of sent (`--dry-run`): no
   * connection pool exists, and each request is answered with its stand-in.
   */
  recorder?: RecordedRequest[];
  /**
   * The body the vendor answers `spec` with when it succeeds, built from the
   * request alone (`{"code":200}`, an empty list, the room asked for). A
   * recorded request is answered with it so the client's ordinary code path
   * goes on to the next request a real run would send; the values are never
   * shown (a dry run's answer is the recorded requests).
   */
  standIn?: (spec: RequestSpec) => unknown;
  /** Told about every attempt and every pacing wait (for `/metrics`). */
  observer?: VendorHttpObserver;
}

/**
 * Per-attempt figures for `/metrics`. `operation` is the endpoint template
 * (`room/{id}/delete`), never a path with ids; `status` is the HTTP status, or
 * `timeout` / `network` when no response arrived.
 */
export interface VendorHttpObserver {
  vendorRequest(vendor: string, operation: string, status: string, seconds: number): void;
  rateLimitWait(account: string, seconds: number): void;
}

/** What every vendor client factory accepts besides the account. */
export interface VendorClientOptions {
  recorder?: RecordedRequest[];
  observer?: VendorHttpObserver;
}

export interface CallResult<T> {
  data: T;
  status: number;
  requestId?: string;
}

/** The shared HTTP front every vendor client uses. */
export interface VendorHttpApi {
  /** Sends (with pacing, timeouts, retries), classifies, and validates the body with `schema`. */
  call<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<CallResult<z.output<S>>>;
  close(): Promise<void>;
}
