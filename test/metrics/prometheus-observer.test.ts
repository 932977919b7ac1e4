/**
 * The registry behind `/metrics`: labels stay bounded whatever a caller
 * passes, each process gets its own registry, and `roomops_jobs` reads the
 * job store at scrape time (and reports nothing when it cannot).
 */
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/prometheus-observer.js';

const sample = async (metrics: ReturnType<typeof createMetrics>, prefix: string) =>
  (await metrics.registry.metrics()).split('\n').filter((l) => l.startsWith(prefix));

describe('label values', () => {
  it('turns anything that could be an id or a URL into `other`', async () => {
    const metrics = createMetrics();
    metrics.observer.command('slack', 'https://evil.example/x', 'ok');
    metrics.observer.command('telegram', 'list', 'vendor_timeout');
    metrics.observer.vendorRequest('iflychat', 'room/123456/delete', '200', 0.01);
    metrics.observer.vendorRequest('iflychat', 'room/{id}/delete', 'ECONNRESET', 0.01);
    metrics.observer.confirmation('maybe' as never);
    expect(await sample(metrics, 'roomops_commands_total')).toEqual([
      'roomops_commands_total{platform="slack",action="other",outcome="ok"} 1',
      'roomops_commands_total{platform="other",action="list",outcome="vendor_timeout"} 1',
    ]);
    expect(await sample(metrics, 'roomops_vendor_requests_total')).toEqual([
      'roomops_vendor_requests_total{vendor="iflychat",operation="other",status="200"} 1',
      'roomops_vendor_requests_total{vendor="iflychat",operation="room/{id}/delete",status="other"} 1',
    ]);
    expect(await sample(metrics, 'roomops_confirmations_total')).toEqual([
      'roomops_confirmations_total{decision="other"} 1',
    ]);
  });

  it('keeps each registry to itself', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.observer.jobItem('ok');
    expect(await sample(a, 'roomops_job_items_total')).toEqual(['roomops_job_items_total{outcome="ok"} 1']);
    expect(await sample(b, 'roomops_job_items_total')).toEqual([]);
  });
});

describe('roomops_jobs', () => {
  it('has no samples until a job store counts, then shows its counts at each scrape', async () => {
    const metrics = createMetrics();
    expect(await sample(metrics, 'roomops_jobs{')).toEqual([]);
    let running = 2;
    metrics.countJobsWith(async () => ({ running, scheduled: 1 }));
    expect(await sample(metrics, 'roomops_jobs{')).toEqual([
      'roomops_jobs{state="running"} 2',
      'roomops_jobs{state="scheduled"} 1',
    ]);
    running = 0;
    expect(await sample(metrics, 'roomops_jobs{')).toContain('roomops_jobs{state="running"} 0');
  });

  it('reports no samples, and still serves the rest, when the store cannot count', async () => {
    const metrics = createMetrics();
    metrics.countJobsWith(async () => {
      throw new Error('database down');
    });
    metrics.observer.jobItem('failed');
    const text = await metrics.registry.metrics();
    expect(text).not.toMatch(/^roomops_jobs\{/m);
    expect(text).toContain('roomops_job_items_total{outcome="failed"} 1');
  });
});
