/**
 * Small statistics and reporting helpers shared by the benchmarks. A bench
 * figure is a measurement with its goal; `run.ts` prints them as one table.
 * Speed is judged by ratios measured side by side in one run (STYLE.md), so a
 * slow machine moves both sides of a ratio together.
 */

export interface Figure {
  /** What was measured, e.g. "client / raw undici requests/s". */
  name: string;
  /** The figure, already rounded for display. */
  value: number;
  unit: string;
  /** e.g. "≥ 0.9"; undefined = for information only. */
  goal?: string;
  /** Whether the goal was met; undefined when there is no goal. */
  met?: boolean;
  /** How it was measured, one line. */
  detail?: string;
}

export interface BenchSection {
  title: string;
  figures: Figure[];
  /** Free-form lines printed under the section's table (findings, notes). */
  notes?: string[];
  /**
   * A goal the section judges as a whole (an optional bench's own `goal` and
   * `met`), counted with the per-figure goals so a miss is never summed up as met.
   */
  verdict?: { goal: string; met: boolean };
}

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Figure with goal "≥ goal". */
export function atLeast(name: string, value: number, goal: number, unit = '', detail?: string): Figure {
  return {
    name,
    value,
    unit,
    goal: `≥ ${goal}${unit ? ` ${unit}` : ''}`,
    met: value >= goal,
    ...(detail ? { detail } : {}),
  };
}

/** Figure with goal "≤ goal". */
export function atMost(name: string, value: number, goal: number, unit = '', detail?: string): Figure {
  return {
    name,
    value,
    unit,
    goal: `≤ ${goal}${unit ? ` ${unit}` : ''}`,
    met: value <= goal,
    ...(detail ? { detail } : {}),
  };
}

export function info(name: string, value: number, unit = '', detail?: string): Figure {
  return { name, value, unit, ...(detail ? { detail } : {}) };
}

/** Runs `task` `total` times with at most `concurrency` in flight. */
export async function runConcurrently(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

/** A plain-text table of one section, columns padded. */
export function formatSection(section: BenchSection): string {
  const head = ['figure', 'value', 'goal', 'ok'];
  const rows = section.figures.map((f) => [
    f.name,
    `${f.value}${f.unit ? ` ${f.unit}` : ''}`,
    f.goal ?? '—',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [`## ${section.title}`, line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const details = section.figures.filter((f) => f.detail).map((f) => `  · ${f.name}: ${f.detail}`);
  if (details.length) out.push(...details);
  for (const note of section.notes ?? []) out.push(`  ${note}`);
  return out.join('\n');
}

/** The same section as a Markdown table (for docs/bench.md). */
export function markdownSection(section: BenchSection): string {
  const out = [`### ${section.title}`, '', '| figure | value | goal | met |', '|---|---|---|---|'];
  for (const f of section.figures) {
    out.push(
      `| ${f.name} | ${f.value}${f.unit ? ` ${f.unit}` : ''} | ${f.goal ?? '—'} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} |`,
    );
  }
  const details = section.figures.filter((f) => f.detail).map((f) => `- ${f.name}: ${f.detail}`);
  if (details.length || section.notes?.length)
    out.push('', ...details, ...(section.notes ?? []).map((n) => `- ${n}`));
  return out.join('\n');
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
