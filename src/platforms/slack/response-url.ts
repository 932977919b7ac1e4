/**
 * Posting an answer to a request's `response_url` (DESIGN.md "Slack
 * delivery"). Done with undici's `request` over one keep-alive agent instead
 * of Bolt's `respond()`, which uses `fetch`: the fetch machinery cost several
 * times more CPU per answer, and that CPU is taken from the acks of the next
 * commands arriving on the same event loop (docs/bench.md, Slack acks).
 * A message carrying a native `table` block goes with its monospace twin
 * (`fallbackBlocks`, never sent along): if Slack refuses the table (400,
 * `invalid_blocks`, where a workspace or surface does not take it), the twin
 * is posted instead, so the answer still arrives.
 */
import { Agent, request } from 'undici';
import { DEFAULT_OUTBOUND_TIMEOUT_MS } from '../outbound-timeout.js';
import type { ResponseBody } from './messages.js';
import { RoomOpsError } from '../../shared/coded-error.js';

export type Reply = (message: ResponseBody) => Promise<void>;
/** A poster for one request's response_url. */
export type ReplyTo = (responseUrl: string) => Reply;

/** Slack refused a reply; the adapter logs it (the person's answer was the reply). */
export class ResponseUrlError extends RoomOpsError {
  override readonly name: string = 'ResponseUrlError';
  constructor(status: number) {
    super('internal', `Slack's response_url answered ${status}`, { status });
  }
}

export class ResponseUrlTimeout extends RoomOpsError {
  override readonly name: string = 'ResponseUrlTimeout';
  constructor(timeoutMs: number) {
    super('internal', `Slack's response_url did not answer within ${timeoutMs} ms`, { timeoutMs });
  }
}

/**
 * Posters for response_urls sharing one keep-alive agent, owned by the
 * adapter that makes it (undici unrefs idle sockets, so it holds no process
 * open). Each post, headers and body, must finish within `timeoutMs`.
 */
export function responseUrlPoster(timeoutMs: number = DEFAULT_OUTBOUND_TIMEOUT_MS): ReplyTo {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 32 });
  return (responseUrl) => replyTo(responseUrl, timeoutMs, agent);
}

/** A table Slack refuses is posted again as its monospace twin. */
function replyTo(responseUrl: string, timeoutMs: number, agent: Agent): Reply {
  const post = async (body: Omit<ResponseBody, 'fallbackBlocks'>): Promise<number> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new ResponseUrlTimeout(timeoutMs)), timeoutMs);
    try {
      const res = await request(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        dispatcher: agent,
        signal: controller.signal,
      });
      await res.body.dump();
      return res.statusCode;
    } catch (error) {
      if (controller.signal.aborted) throw new ResponseUrlTimeout(timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
  return async ({ fallbackBlocks, ...message }) => {
    let status = await post(message);
    if (status === 400 && fallbackBlocks) status = await post({ ...message, blocks: fallbackBlocks });
    if (status < 200 || status >= 300) throw new ResponseUrlError(status);
  };
}
