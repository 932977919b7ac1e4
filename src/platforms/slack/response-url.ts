/**
 * Posting an answer to a request's `response_url` (DESIGN.md "Slack
 * delivery"). Done with undici's `request` over one keep-alive agent instead
 * of Bolt's `respond()`, which uses `fetch`: the fetch machinery cost several
 * times more CPU per answer, and that CPU is taken from the acks of the next
 * commands arriving on the same event loop (docs/bench.md, Slack acks).
 */
import { Agent, request } from 'undici';
import { DEFAULT_OUTBOUND_TIMEOUT_MS } from '../outbound-timeout.js';
import type { ResponseBody } from './messages.js';

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 32 });

export type Reply = (message: ResponseBody) => Promise<void>;

export class ResponseUrlError extends Error {
  override readonly name = 'ResponseUrlError';
  constructor(readonly status: number) {
    super(`Slack's response_url answered ${status}`);
  }
}

export class ResponseUrlTimeout extends Error {
  override readonly name = 'ResponseUrlTimeout';
  constructor(readonly timeoutMs: number) {
    super(`Slack's response_url did not answer within ${timeoutMs} ms`);
  }
}

/** A poster for one response_url; the whole post, headers and body, must finish within `timeoutMs`. */
export function replyTo(responseUrl: string, timeoutMs: number = DEFAULT_OUTBOUND_TIMEOUT_MS): Reply {
  return async (message) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new ResponseUrlTimeout(timeoutMs)), timeoutMs);
    try {
      const res = await request(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        dispatcher: agent,
        signal: controller.signal,
      });
      await res.body.dump();
      if (res.statusCode < 200 || res.statusCode >= 300) throw new ResponseUrlError(res.statusCode);
    } catch (error) {
      if (controller.signal.aborted) throw new ResponseUrlTimeout(timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}
