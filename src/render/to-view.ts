/**
 * Outcome → View: what to show for each kind of answer, decided once for
 * every platform. Rooms, members, messages and audit entries become tables;
 * a single room becomes facts.
 */
import type { JobJson } from '../core/jobs/job-json.js';
import type { DecisionOutcome, Outcome } from '../core/outcome.js';
import type { PendingAction } from '../store/types.js';
import { VENDOR_LABEL } from '../vendors/capabilities.js';
import type { VendorName } from '../vendors/types.js';
import { isoUtc, type View, type ViewFact, type ViewPerson, type ViewRich, type ViewTable } from './view.js';

const person = (id: string, name?: string): ViewPerson => (name ? { person: id, name } : { person: id });

export function toView(outcome: Outcome): View {
  return withWarningLines(outcomeView(outcome), outcome.warnings);
}

/**
 * Warnings (a record the store could not write after the vendor acted) are
 * lines of the main text, so every platform shows them, never small print.
 */
function withWarningLines(view: View, warnings: readonly string[] | undefined): View {
  if (!warnings?.length) return view;
  return {
    ...view,
    tone: view.tone === 'ok' || view.tone === 'info' ? 'warning' : view.tone,
    text: [view.text, ...warnings.map((w) => `⚠ Warning: ${w}`)].filter(Boolean).join('\n'),
  };
}

function outcomeView(outcome: Outcome): View {
  const where = outcome.account
    ? `${outcome.account}${outcome.vendor ? ` (${VENDOR_LABEL[outcome.vendor as VendorName]})` : ''}`
    : undefined;
  switch (outcome.type) {
    case 'error': {
      const e = outcome.error;
      const facts: ViewFact[] = [{ label: 'Error', value: e.code }];
      if (e.field) facts.push({ label: 'Field', value: e.field });
      if (e.vendorCode !== undefined) facts.push({ label: 'Vendor code', value: String(e.vendorCode) });
      if (where) facts.push({ label: 'Account', value: where });
      const partial = e.code === 'partial';
      const view: View = {
        // A partial failure did some of its work: not the same news as nothing done.
        tone: partial ? 'warning' : 'error',
        title: partial ? `${outcome.action} partly failed` : `${outcome.action} failed`,
        text: e.message,
        facts,
        notes: [],
      };
      if (e.items)
        view.table = {
          columns: ['Item', 'Result'],
          rows: e.items.map((i) => [i.id, i.ok ? 'done' : `${i.code}: ${i.message ?? ''}`]),
        };
      if (e.usage) view.notes.push(`Usage: ${e.usage}`);
      if (e.requestId) view.notes.push(`Vendor request id: ${e.requestId}`);
      return view;
    }
    case 'confirm': {
      const p = outcome.pending;
      const facts: ViewFact[] = [
        { label: 'Requested by', value: person(p.requester, p.requesterName) },
        { label: 'Account', value: where ?? p.account },
      ];
      if (p.rooms.length)
        facts.push({ label: p.rooms.length === 1 ? 'Room' : 'Rooms', value: p.rooms.join(', ') });
      facts.push({ label: 'Expires', value: { time: p.expiresAt, countdown: true } });
      return {
        tone: 'pending',
        title: `Confirm: ${outcome.action}`,
        text: outcome.warning ? `${p.description}\n${outcome.warning}` : p.description,
        facts,
        notes: [`Needs a click on ${outcome.confirmLabel} by someone allowed to; the requester may cancel.`],
        confirm: {
          pendingId: p.id,
          confirmLabel: outcome.confirmLabel,
          question: `${outcome.confirmLabel} — ${p.rooms.join(', ') || outcome.action}?`,
        },
      };
    }
    case 'dry_run':
      return {
        tone: 'info',
        title: `Dry run: ${outcome.action}`,
        text: outcome.requests.length
          ? `${outcome.requests.length} request(s) would be sent; nothing was sent.`
          : 'No vendor request would be sent.',
        facts: where ? [{ label: 'Account', value: where }] : [],
        code: outcome.requests
          .map(
            (r) =>
              `${r.method} ${r.url}\n${JSON.stringify(r.headers)}${r.body === undefined ? '' : `\n${typeof r.body === 'string' ? r.body : JSON.stringify(r.body, null, 2)}`}`,
          )
          .join('\n\n'),
        notes: [],
      };
    case 'result':
      return resultView(outcome, where);
  }
}

function resultView(outcome: Extract<Outcome, { type: 'result' }>, where: string | undefined): View {
  const r = outcome.result;
  const view: View = {
    tone: outcome.kind === 'read' ? 'info' : 'ok',
    title: outcome.summary,
    facts: [],
    notes: [],
  };
  if (outcome.requestId) view.notes.push(`Vendor request id: ${outcome.requestId}`);
  if (typeof r.text === 'string') {
    view.code = r.text;
    return view;
  }
  if (Array.isArray(r.rooms))
    view.table = table(r.rooms as Record<string, unknown>[], ['id', 'name', 'status', 'source']);
  else if (r.room && typeof r.room === 'object') view.facts = facts(r.room as Record<string, unknown>);
  else if (Array.isArray(r.members)) view.table = table(r.members as Record<string, unknown>[], ['id']);
  else if (Array.isArray(r.messages))
    view.table = table(r.messages as Record<string, unknown>[], ['time', 'from', 'text']);
  else if (Array.isArray(r.entries)) view.table = auditTable(r.entries as Record<string, unknown>[]);
  else if (Array.isArray(r.jobs)) view.table = jobsTable(r.jobs as JobJson[]);
  else if (r.job && typeof r.job === 'object') jobFacts(view, r.job as JobJson);
  else if (Array.isArray(r.accounts)) {
    view.table = {
      columns: ['Account', 'Vendor', 'Actions'],
      rows: (r.accounts as { name: string; vendorName: string; actions: string[] }[]).map((a) => [
        a.name,
        a.vendorName,
        a.actions.join(', '),
      ]),
    };
  } else if (Array.isArray(r.deleted))
    view.facts = [{ label: 'Deleted', value: (r.deleted as string[]).join(', ') || 'none' }];
  else if (r.kicked && typeof r.kicked === 'object') view.facts = facts(r.kicked as Record<string, unknown>);
  else if (r.announcement && typeof r.announcement === 'object') {
    const a = r.announcement as { text?: string | null };
    view.text = a.text ?? '(no announcement)';
  }
  if (where) view.facts.push({ label: 'Account', value: where });
  if (outcome.approvedBy) {
    const at: ViewRich = outcome.approvedAt
      ? [outcome.approvedBy, ' at ', { time: outcome.approvedAt }]
      : outcome.approvedBy;
    view.facts.push({ label: 'Approved by', value: at });
  }
  if (typeof r.cursor === 'string') view.notes.push(`More: add cursor=${r.cursor}`);
  return view;
}

/** DESIGN.md `jobs` result; a scheduled job's time counts down live where the platform can. */
function jobsTable(jobs: readonly JobJson[]): ViewTable {
  return {
    columns: ['Job', 'State', 'Action', 'Account', 'Runs at', 'Done', 'Failed', 'Left'],
    rows: jobs.map((j) => [
      j.id,
      j.state,
      j.action,
      j.account,
      runAtOf(j),
      String(j.done),
      String(j.failed),
      String(j.left),
    ]),
  };
}

function runAtOf(job: JobJson): ViewRich {
  const at = new Date(job.runAt);
  return Number.isNaN(at.getTime()) ? String(job.runAt) : { time: at, countdown: job.state === 'scheduled' };
}

/** One job: its counts, and every failed item in full (successes are counted, not listed). */
function jobFacts(view: View, job: JobJson): void {
  view.facts.push(
    { label: 'Job', value: job.id },
    { label: 'State', value: job.state },
    { label: 'Runs at', value: runAtOf(job) },
    { label: 'Done / failed / left', value: `${job.done} / ${job.failed} / ${job.left} of ${job.total}` },
  );
  for (const item of job.items ?? []) {
    if (item.state === 'failed')
      view.notes.push(`${item.id}: ${item.error?.code ?? 'failed'} — ${item.error?.message ?? ''}`);
  }
}

export function decisionView(decision: DecisionOutcome): View {
  switch (decision.type) {
    case 'failed':
      return {
        tone: 'error',
        title: 'Your click was not recorded',
        text: decision.error.message,
        facts: [],
        notes: ['Nothing was done; the prompt is unchanged. Try again.'],
      };
    case 'unknown':
      return {
        tone: 'warning',
        title: 'Unknown request',
        text: 'This confirmation no longer exists.',
        facts: [],
        notes: [],
      };
    case 'refused':
      return {
        tone: 'error',
        title: decision.code === 'access_unavailable' ? 'Access could not be checked' : 'Not allowed',
        text: decision.reason,
        facts: [],
        notes: ['Nothing was changed.'],
      };
    case 'stale': {
      const p = decision.pending;
      if (decision.reason === 'expired' || p.state === 'expired') return expiredView(p);
      const what = p.state === 'cancelled' ? 'cancelled' : 'approved';
      const facts = pendingFacts(p);
      if (p.decidedBy) facts.unshift(decidedFact(what, p.decidedBy, p.decidedByName, p.decidedAt));
      return {
        tone: 'warning',
        title: `Already ${what}: ${p.action}`,
        text: 'Someone decided this before your click; nothing more was done.',
        facts,
        notes: [],
      };
    }
    case 'decided': {
      const p = decision.pending;
      const decided = decidedFact(decision.decision, decision.by, decision.byName, p.decidedAt);
      if (decision.decision === 'cancelled') {
        return {
          tone: 'warning',
          title: `Cancelled: ${p.action}`,
          text: p.description,
          facts: [decided, ...pendingFacts(p)],
          notes: [],
        };
      }
      const inner = decision.outcome ? toView(decision.outcome) : undefined;
      const base: View = inner ?? { tone: 'ok', title: `Approved: ${p.action}`, facts: [], notes: [] };
      return {
        ...base,
        facts: [
          ...base.facts.filter((f) => f.label !== 'Approved by'),
          decided,
          { label: 'Requested by', value: person(p.requester, p.requesterName) },
        ],
      };
    }
  }
}

export function expiredView(p: PendingAction): View {
  return {
    tone: 'warning',
    title: `Expired: ${p.action}`,
    text: `${p.description}\nNobody confirmed this in time, so nothing was done. Run the command again if it is still needed.`,
    facts: pendingFacts(p),
    notes: [],
  };
}

function decidedFact(what: 'approved' | 'cancelled', by: string, byName?: string, at?: Date): ViewFact {
  const who = person(by, byName);
  return {
    label: what === 'approved' ? 'Approved by' : 'Cancelled by',
    value: at ? [who, ' at ', { time: at }] : who,
  };
}

function pendingFacts(p: PendingAction): ViewFact[] {
  return [
    { label: 'Requested by', value: person(p.requester, p.requesterName) },
    { label: 'Account', value: p.account },
    ...(p.rooms.length ? [{ label: 'Rooms', value: p.rooms.join(', ') }] : []),
  ];
}

function facts(record: Record<string, unknown>): ViewFact[] {
  return Object.entries(record)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .slice(0, 10)
    .map(([label, value]) => ({ label, value: show(value) }));
}

function table(items: Record<string, unknown>[], preferred: string[]): ViewTable {
  const present = preferred.filter((c) => items.some((i) => i[c] !== undefined && i[c] !== null));
  const columns = present.length ? present : ['id'];
  return { columns, rows: items.map((i) => columns.map((c) => show(i[c]))) };
}

function auditTable(entries: Record<string, unknown>[]): ViewTable {
  return {
    columns: ['Time', 'Who', 'Account', 'Action', 'Rooms', 'Outcome'],
    rows: entries.map((e) => [
      e.at instanceof Date ? { time: e.at } : show(e.at),
      typeof e.actor === 'string'
        ? person(e.actor, typeof e.actorName === 'string' ? e.actorName : undefined)
        : show(e.actor),
      show(e.account),
      show(e.action),
      show(e.rooms),
      typeof e.decidedBy === 'string' ? [show(e.outcome), ' by ', person(e.decidedBy)] : show(e.outcome),
    ]),
  };
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return isoUtc(value);
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
