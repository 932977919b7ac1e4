/**
 * `GET /metrics`: the registry in Prometheus text format. With
 * `ROOMOPS_METRICS_TOKEN` set, only `Authorization: Bearer <token>` gets it
 * (compared in constant time); anything else is 401 and learns nothing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

export function metricsHandler(registry: Registry, token: string | undefined) {
  const expected = token ? digest(token) : undefined;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (expected) {
      const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!given || !timingSafeEqual(digest(given), expected)) {
        res
          .writeHead(401, {
            'content-type': 'text/plain',
            'www-authenticate': 'Bearer realm="roomops-metrics"',
          })
          .end('metrics need Authorization: Bearer <ROOMOPS_METRICS_TOKEN>\n');
        return;
      }
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType }).end(body);
  };
}

/** Equal-length inputs for timingSafeEqual, whatever the token's length. */
const digest = (value: string) => createHash('sha256').update(value).digest();
