/**
 * Building blocks for commands' `view`s: a record as facts, records as a
 * table, any value as plain text. Shared so every command shows a room, a
 * member or a date the same way.
 */
import { isoUtc, type ViewFact, type ViewPerson, type ViewTable } from './view.js';

export const person = (id: string, name?: string): ViewPerson =>
  name ? { person: id, name } : { person: id };

/** The record's filled-in fields, at most ten, as facts in their own order. */
export function factsOf(record: object): ViewFact[] {
  return Object.entries(record)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .slice(0, 10)
    .map(([label, value]) => ({ label, value: plainValue(value) }));
}

/** The `preferred` columns that any item fills in (else just `id`), one row per item. */
export function tableOf(items: readonly object[], preferred: readonly string[]): ViewTable {
  const records = items as readonly Record<string, unknown>[];
  const present = preferred.filter((c) => records.some((i) => i[c] !== undefined && i[c] !== null));
  const columns = present.length ? present : ['id'];
  return { columns, rows: records.map((i) => columns.map((c) => plainValue(i[c]))) };
}

export function plainValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return isoUtc(value);
  if (Array.isArray(value)) return value.map(plainValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "More: add cursor=…" when the vendor has another page. */
export const moreNotes = (cursor: string | undefined): string[] =>
  cursor === undefined ? [] : [`More: add cursor=${cursor}`];
