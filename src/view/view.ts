/**
 * A platform-neutral picture of an answer. `toView` (src/render/to-view.ts)
 * builds it from an Outcome, a command's result body coming from that
 * command's own `view` (commands/*.ts); each platform renderer (text, Slack Block Kit,
 * Discord embeds) draws it within that platform's limits. All strings here
 * are plain, untrusted text: renderers escape them for their platform.
 * Times and people are kept as values, not text, so each platform can show
 * them its own way (DESIGN.md "Presentation"): a reader's local time and a
 * live mention in chat, ISO 8601 UTC in the terminal.
 */
export type Tone = 'ok' | 'error' | 'warning' | 'info' | 'pending';

/** A moment; `countdown` adds a live "in 4 minutes" where the platform has one (expiry, run time). */
export interface ViewTime {
  time: Date;
  countdown?: boolean;
}

/** Someone, by principal id (`slack:U…`, `discord:…`, `shell:alice`), with the name we last saw. */
export interface ViewPerson {
  person: string;
  name?: string;
}

export type ViewInline = string | ViewTime | ViewPerson;

/** One value: a piece, or pieces shown one after another ("ok", " by ", person). */
export type ViewRich = ViewInline | readonly ViewInline[];

export interface ViewFact {
  label: string;
  value: ViewRich;
}

export interface ViewTable {
  columns: string[];
  rows: ViewRich[][];
}

export interface ViewConfirm {
  pendingId: string;
  /** "Delete", "Kick", "End room" … */
  confirmLabel: string;
  /** Short question for Slack's confirm dialog ("Delete lobby-42?"). */
  question: string;
  /**
   * The click opens a modal asking for the account name (a large bulk plan):
   * that modal is the confirmation, so no confirm dialog comes before it.
   */
  typed?: boolean;
}

export interface View {
  tone: Tone;
  /** Header line. */
  title: string;
  /** A paragraph under the header. */
  text?: string;
  /** Key facts, shown as fields. */
  facts: ViewFact[];
  /** Lists (rooms, members, messages, audit entries) as a table. */
  table?: ViewTable;
  /** Pre-formatted text shown in a code block (dry-run requests). */
  code?: string;
  /** Small print: request id, next-page cursor hints. Plain text only. */
  notes: string[];
  /** Present on a confirmation prompt: draw confirm + cancel buttons. */
  confirm?: ViewConfirm;
}

/** What a command's `view` gives for its result: the body; the frame (title, tone, account) is shared. */
export type ResultView = Partial<Pick<View, 'text' | 'facts' | 'table' | 'code' | 'notes'>>;

export const isTime = (v: ViewInline): v is ViewTime => typeof v === 'object' && 'time' in v;
export const isPerson = (v: ViewInline): v is ViewPerson => typeof v === 'object' && 'person' in v;

/** The pieces of a value, in order. */
export const piecesOf = (value: ViewRich): readonly ViewInline[] =>
  typeof value === 'string' || !Array.isArray(value) ? [value as ViewInline] : value;

/** ISO 8601 UTC to the second: what the CLI, `--json` and every fallback show. */
export const isoUtc = (time: Date): string => time.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A value as plain text, each time as ISO 8601 UTC and each person by name
 * (else id): the terminal's form, and every platform's fallback.
 */
export function plainText(value: ViewRich): string {
  return piecesOf(value)
    .map((p) => (typeof p === 'string' ? p : isTime(p) ? isoUtc(p.time) : (p.name ?? p.person)))
    .join('');
}
