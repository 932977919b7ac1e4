/**
 * The HTTP machinery shared by the four vendor emulators: routing, body
 * decoding (JSON, urlencoded with repeated keys, multipart), per-endpoint rate
 * limiting, fault injection and a request log. Each vendor's emulator supplies
 * its routes and its own shapes for rate-limit and server errors.
 *
 * Control endpoints (no auth, sandbox only) let a test in another process
 * inject faults: `POST /__sandbox/faults` with a Fault as JSON,
 * `DELETE /__sandbox/faults`, `GET /__sandbox/requests`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { decodeBody } from './decode-body.js';
import { SlidingWindowLimiter } from './rate-window.js';
import { RouteMatcher } from './route-matcher.js';
import type {
  EmulatorRequest,
  EmulatorResponse,
  Fault,
  Handler,
  RecordedEmulatorRequest,
  Route,
} from './types.js';

export interface EmulatorServerOptions {
  name: string;
  routes: Route[];
  /** Requests per second per endpoint bucket; undefined = unlimited. */
  rateLimitPerSecond?: number;
  /** The vendor's own answer when its rate limit is hit. */
  rateLimited: (retryAfterSeconds: number) => EmulatorResponse;
  /** The vendor's own answer for a 5xx fault. */
  serverError: (status: number) => EmulatorResponse;
  /**
   * The vendor's own answer when no route takes the request; `methods` are
   * the ones the path does have (empty for an unknown path).
   */
  notFound: (req: EmulatorRequest, methods: string[]) => EmulatorResponse;
  /** Most requests the log keeps; the oldest go first (default 10 000, about 1 MB). */
  logLimit?: number;
}

const DEFAULT_LOG_LIMIT = 10_000;
/** A test injects a handful of faults; a runaway client must not grow the list without end. */
const MAX_FAULTS = 1_000;

export class EmulatorServer {
  readonly faults: Fault[] = [];
  readonly log: RecordedEmulatorRequest[] = [];
  /** Requests answered 429 by the rate limiter itself (not injected faults). */
  rateLimitViolations = 0;
  private readonly routes: RouteMatcher;
  private readonly limiter: SlidingWindowLimiter | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly logLimit: number;
  private server: Server | undefined;
  private baseUrl = '';

  constructor(private readonly options: EmulatorServerOptions) {
    this.routes = new RouteMatcher(options.routes);
    this.logLimit = Math.max(1, options.logLimit ?? DEFAULT_LOG_LIMIT);
    this.limiter = options.rateLimitPerSecond
      ? new SlidingWindowLimiter(options.rateLimitPerSecond)
      : undefined;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error(`${this.options.name} emulator is not started`);
    return this.baseUrl;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'emulator_failure', message: String(error) }));
        }
      });
    });
    server.keepAliveTimeout = 30_000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.baseUrl = `http://${host}:${address.port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  injectFault(fault: Fault): void {
    if (this.faults.length >= MAX_FAULTS) throw new RangeError(`at most ${MAX_FAULTS} faults may be pending`);
    this.faults.push({ count: 1, ...fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  private takeFault(path: string): Fault | undefined {
    const index = this.faults.findIndex((f) => matchesPath(f.path, path));
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.count = (fault.count ?? 1) - 1;
    if (fault.count <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const rawBody = await readBody(req);
    if (url.pathname.startsWith('/__sandbox/')) return this.control(req, url.pathname, rawBody, res);

    const fault = this.takeFault(url.pathname);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await sleep(fault.delayMs ?? 5000);
    if (res.destroyed || req.socket.destroyed) return;

    const matched = this.routes.match(req.method ?? 'GET', url.pathname);
    const route = matched?.route;
    const request: EmulatorRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      params: matched?.params ?? {},
      query: url.searchParams,
      headers: req.headers,
      contentType: (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(),
      body: undefined,
      rawBody,
    };

    let response: EmulatorResponse;
    if (fault?.kind === 'status') response = this.options.serverError(fault.status ?? 503);
    else if (fault?.kind === 'rate_limit') response = this.options.rateLimited(fault.retryAfter ?? 1);
    else if (fault?.kind === 'malformed')
      response = { status: 200, headers: { 'content-type': 'application/json' }, text: '{"oops": tru' };
    else if (!route) response = this.options.notFound(request, this.routes.methodsFor(request.path));
    else {
      const bucket = route.bucket ?? `${route.method} ${route.pattern}`;
      const wait = this.limiter?.tryTake(bucket, Date.now());
      if (wait !== undefined && wait > 0) {
        this.rateLimitViolations += 1;
        response = this.options.rateLimited(Math.max(1, Math.ceil(wait / 1000)));
      } else {
        try {
          request.body = await decodeBody(request.contentType, rawBody, req.headers['content-type']);
        } catch {
          request.body = undefined;
        }
        response = await route.handler(request);
        if (fault?.kind === 'variant' && response.status >= 200 && response.status < 300)
          response = { status: response.status, json: fault.json ?? null };
      }
    }
    this.record({ method: request.method, path: request.path, at: Date.now(), status: response.status });
    // The vendor acted but its answer is late: what a client sees when its timeout hits after the change.
    if (fault?.kind === 'delay_after') await sleep(fault.delayMs ?? 5000);
    send(res, response);
  }

  /** Keeps the newest `logLimit` entries; trims a tenth at a time so a busy server does not shift on every request. */
  private record(entry: RecordedEmulatorRequest): void {
    if (this.log.length >= this.logLimit)
      this.log.splice(0, Math.max(1, this.log.length - this.logLimit + Math.ceil(this.logLimit / 10)));
    this.log.push(entry);
  }

  private control(req: IncomingMessage, path: string, rawBody: string, res: ServerResponse): void {
    if (path === '/__sandbox/faults' && req.method === 'POST') {
      try {
        this.injectFault(JSON.parse(rawBody) as Fault);
      } catch (error) {
        return send(res, { status: 400, json: { error: String(error) } });
      }
      return send(res, { status: 204 });
    }
    if (path === '/__sandbox/faults' && req.method === 'DELETE') {
      this.clearFaults();
      return send(res, { status: 204 });
    }
    if (path === '/__sandbox/requests' && req.method === 'GET') {
      return send(res, {
        status: 200,
        json: { requests: this.log, rateLimitViolations: this.rateLimitViolations },
      });
    }
    send(res, { status: 404, json: { error: 'unknown sandbox control path' } });
  }
}

function matchesPath(pattern: string | undefined, path: string): boolean {
  if (!pattern) return true;
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')) {
    return new RegExp(pattern.slice(1, -1)).test(path);
  }
  return path.includes(pattern);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, response: EmulatorResponse): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (response.text !== undefined) payload = response.text;
  else if (response.json !== undefined) {
    payload = JSON.stringify(response.json);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type { Handler };
