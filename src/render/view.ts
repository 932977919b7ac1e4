/**
 * A platform-neutral picture of an answer. `toView` (src/render/to-view.ts)
 * builds it from an Outcome; each platform renderer (text, Slack Block Kit,
 * Discord embeds) draws it within that platform's limits. All strings here
 * are plain, untrusted text: renderers escape them for their platform.
 */
export type Tone = 'ok' | 'error' | 'warning' | 'info' | 'pending';

export interface ViewFact {
  label: string;
  value: string;
}

export interface ViewTable {
  columns: string[];
  rows: string[][];
}

export interface ViewConfirm {
  pendingId: string;
  /** "Delete", "Kick", "End room" … */
  confirmLabel: string;
  /** Short question for Slack's confirm dialog ("Delete lobby-42?"). */
  question: string;
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
  /** Small print: request id, who approved, next-page cursor hints. */
  notes: string[];
  /** Present on a confirmation prompt: draw confirm + cancel buttons. */
  confirm?: ViewConfirm;
}
