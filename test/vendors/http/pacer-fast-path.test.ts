import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/vendors/http/pacer.js';

describe('Pacer fast path (tryAcquire)', () => {
  it('takes a free place at once, and refuses without reserving when the caller must wait', async () => {
    const pacer = new Pacer(10); // one place every ~103 ms
    expect(pacer.tryAcquire()).toBe(true);
    expect(pacer.tryAcquire()).toBe(false);
    const started = performance.now();
    await pacer.acquire();
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('never lets more than 97% of the limit through in one second', () => {
    const pacer = new Pacer(1_000_000);
    let taken = 0;
    const until = performance.now() + 50;
    while (performance.now() < until) if (pacer.tryAcquire()) taken += 1;
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThanOrEqual(Math.floor(1_000_000 * 0.97));
  });
});
