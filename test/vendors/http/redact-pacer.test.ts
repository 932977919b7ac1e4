import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/vendors/http/pacer.js';
import { REDACTED, Redactor } from '../../../src/vendors/http/redact.js';

describe('Redactor', () => {
  const r = new Redactor(['s3cr3t+key/=', 'tok']);
  it('masks a secret in plain, percent-encoded and form-encoded forms', () => {
    expect(r.text('a s3cr3t+key/= b')).toBe(`a ${REDACTED} b`);
    expect(r.text(`?apiKey=${encodeURIComponent('s3cr3t+key/=')}`)).toBe(`?apiKey=${REDACTED}`);
    expect(r.text(new URLSearchParams({ k: 's3cr3t+key/=' }).toString())).toBe(`k=${REDACTED}`);
  });
  it('masks a secret shorter than four characters where it stands alone, not inside words', () => {
    expect(r.text('tokens stoke')).toBe('tokens stoke');
    expect(r.text('/room/premade?apiKey=tok&x=1')).toBe(`/room/premade?apiKey=${REDACTED}&x=1`);
    expect(r.value({ api_key: 'tok', note: 'tok tokens' })).toEqual({
      api_key: REDACTED,
      note: `${REDACTED} tokens`,
    });
    expect(new Redactor(['a+']).text('k=a%2B&k2=a%2Bb')).toBe(`k=${REDACTED}&k2=a%2Bb`);
  });
  it('masks credential headers by name and secrets inside nested bodies', () => {
    expect(
      r.headers({ Authorization: 'Bearer x', 'x-api-key': 'y', 'content-type': 'application/json' }),
    ).toEqual({
      Authorization: REDACTED,
      'x-api-key': REDACTED,
      'content-type': 'application/json',
    });
    expect(r.value({ a: ['s3cr3t+key/='], b: { c: 'ok' } })).toEqual({ a: [REDACTED], b: { c: 'ok' } });
  });
});

describe('Pacer', () => {
  it('spaces acquisitions under the rate (97% of it) so no one-second window overflows', async () => {
    const pacer = new Pacer(200);
    const stamps: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 60 }, () => pacer.acquire().then(() => stamps.push(performance.now()))),
    );
    const elapsed = performance.now() - started;
    // 60 slots at 200 * 0.97 per second take at least 59 intervals of ~5.15 ms.
    expect(elapsed).toBeGreaterThanOrEqual(59 * (1000 / (200 * 0.97)) - 5);
    stamps.sort((a, b) => a - b);
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! - stamps[i - 1]!).toBeGreaterThanOrEqual(-1);
  });
});

describe('Pacer after an event-loop stall', () => {
  it('never releases more than 97% of the limit in any one-second window, even when timers fire late together', async () => {
    const pacer = new Pacer(50);
    const released: number[] = [];
    const all = Array.from({ length: 120 }, () =>
      pacer.acquire().then(() => released.push(performance.now())),
    );
    // Block the loop for 400 ms once sending is under way, as a long GC pause or a busy CPU would.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const until = performance.now() + 400;
    while (performance.now() < until) {
      // busy
    }
    await Promise.all(all);
    released.sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0; i < released.length; i++) {
      let j = i;
      while (j < released.length && released[j]! - released[i]! < 1000) j++;
      worst = Math.max(worst, j - i);
    }
    expect(worst).toBeLessThanOrEqual(Math.floor(50 * 0.97));
  }, 10_000);
});
