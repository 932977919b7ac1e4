/**
 * `/metrics` of a real `roomops` process after a scripted run of signed Slack
 * commands and clicks: the series DESIGN.md names, with exactly the labels
 * and counts that run produced, no room or user id in any label, and the
 * bearer token when ROOMOPS_METRICS_TOKEN is set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/helpers.js';
import { ADMIN, pendingIdOf, ServedRoomops, shown } from './served-process.js';

/** `name{labels} value` lines of a Prometheus text body, by `name{labels}`. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const split = line.lastIndexOf(' ');
    out.set(line.slice(0, split), Number(line.slice(split + 1)));
  }
  return out;
}

describe('metrics after a scripted run', () => {
  let served: ServedRoomops;
  let body: string;
  let series: Map<string, number>;

  beforeAll(async () => {
    served = await ServedRoomops.start();
    expect(shown(await served.ask('list agora'))).toContain('Town hall');
    expect(shown(await served.ask('info watch concert-live'))).toContain('concert-live');
    expect(shown(await served.ask('members ifly 1'))).not.toContain('went wrong');
    expect(shown(await served.ask('frobnicate lobby'))).toContain('frobnicate');
    const approve = await served.ask('delete rong support-1');
    expect(shown(await served.click('room_confirm', pendingIdOf(approve)))).toContain('Approved');
    const cancel = await served.ask('delete rong launch-42');
    expect(shown(await served.click('room_cancel', pendingIdOf(cancel), ADMIN))).toContain('ancel');
    const res = await served.get('/metrics');
    expect(res.status).toBe(200);
    body = res.text;
    series = samples(body);
  }, 60_000);

  afterAll(async () => {
    await served?.close();
  });

  it('counts each command by platform, action and outcome; an unknown action is `unknown`', () => {
    const commands = [...series].filter(([k]) => k.startsWith('roomops_commands_total{'));
    expect(Object.fromEntries(commands)).toEqual({
      'roomops_commands_total{platform="slack",action="list",outcome="ok"}': 1,
      'roomops_commands_total{platform="slack",action="info",outcome="ok"}': 1,
      'roomops_commands_total{platform="slack",action="members",outcome="ok"}': 1,
      'roomops_commands_total{platform="slack",action="unknown",outcome="unknown_action"}': 1,
      'roomops_commands_total{platform="slack",action="delete",outcome="confirm"}': 2,
      'roomops_commands_total{platform="slack",action="delete",outcome="ok"}': 1,
    });
  });

  it('counts confirmations by decision', () => {
    expect(series.get('roomops_confirmations_total{decision="approved"}')).toBe(1);
    expect(series.get('roomops_confirmations_total{decision="cancelled"}')).toBe(1);
  });

  it('counts vendor requests by endpoint template and status, with their durations', () => {
    expect(
      series.get(
        'roomops_vendor_requests_total{vendor="rongcloud",operation="chatroom/destroy.json",status="200"}',
      ),
    ).toBe(1);
    expect(
      series.get(
        'roomops_vendor_requests_total{vendor="watchers",operation="external/room (get)",status="200"}',
      ),
    ).toBe(1);
    // iFlyChat's path carries the room id; the label is the template.
    expect(
      series.get('roomops_vendor_requests_total{vendor="iflychat",operation="room/{id}/users",status="200"}'),
    ).toBe(1);
    expect(
      series.get(
        'roomops_vendor_request_seconds_count{vendor="rongcloud",operation="chatroom/destroy.json"}',
      ),
    ).toBe(1);
    const rongAttempts = served.emulators.rongcloud.server.log.length;
    expect(series.get('roomops_rate_limit_wait_seconds_count{account="rong"}')).toBe(rongAttempts);
  });

  it('times every Slack acknowledgement', () => {
    // Six commands and two clicks reached POST /slack/events.
    expect(series.get('roomops_ack_seconds_count{platform="slack"}')).toBe(8);
    expect(series.get('roomops_ack_seconds_bucket{le="3",platform="slack"}')).toBe(8);
  });

  it('declares the job series and the default process metrics', () => {
    expect(body).toContain('# TYPE roomops_jobs gauge');
    expect(body).toContain('# TYPE roomops_job_items_total counter');
    expect(series.has('process_cpu_seconds_total')).toBe(true);
    expect(series.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('has a Grafana dashboard whose queries use only series this process exports, and every RoomOps series', () => {
    const dashboard = JSON.parse(readFileSync(join(REPO, 'docs/grafana-dashboard.json'), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
    const used = new Set(
      exprs
        .flatMap((e) => e.match(/\b(?:roomops|process|nodejs)_[a-z0-9_]+/g) ?? [])
        .map((name) => name.replace(/_(bucket|sum|count)$/, '')),
    );
    const declared = new Set([...body.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
    for (const name of used) expect(declared, `dashboard uses ${name}`).toContain(name);
    const roomops = [...declared].filter((n) => n.startsWith('roomops_'));
    expect(roomops.sort()).toEqual([
      'roomops_ack_seconds',
      'roomops_commands_total',
      'roomops_confirmations_total',
      'roomops_job_items_total',
      'roomops_jobs',
      'roomops_rate_limit_wait_seconds',
      'roomops_vendor_request_seconds',
      'roomops_vendor_requests_total',
    ]);
    for (const name of roomops) expect(used, `dashboard shows ${name}`).toContain(name);
  });

  it('puts no room id, user id or URL into any label', () => {
    const labels = [...series.keys()].join('\n');
    for (const secret of ['support-1', 'launch-42', 'concert-live', 'U0ADMIN', 'frobnicate', 'http', '/1/'])
      expect(labels).not.toContain(secret);
  });
});

describe('metrics bearer token', () => {
  let served: ServedRoomops;
  const token = 'metrics-token-4b1d9e';

  beforeAll(async () => {
    served = await ServedRoomops.start({ env: { ROOMOPS_METRICS_TOKEN: token } });
  }, 30_000);

  afterAll(async () => {
    await served?.close();
  });

  it('refuses /metrics without the token or with a wrong one, and serves it with the right one', async () => {
    const none = await served.get('/metrics');
    expect(none.status).toBe(401);
    expect(none.text).not.toContain('roomops_');
    expect((await served.get('/metrics', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await served.get('/metrics', { authorization: token })).status).toBe(401);
    const ok = await served.get('/metrics', { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('# TYPE roomops_commands_total counter');
    expect(served.stderr).not.toContain(token);
  });
});
