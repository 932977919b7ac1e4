/**
 * Outcome → View, decided once for every platform: errors, confirmation
 * prompts, dry runs and decisions here; a result's body comes from its
 * command's `view` (commands/*.ts), framed here with the account, approval
 * and request id.
 */
import type { DecisionOutcome, Outcome } from '../core/outcome.js';
import type { PendingAction } from '../store/types.js';
import { VENDOR_LABEL } from '../vendors/capabilities.js';
import type { VendorName } from '../vendors/types.js';
import { person } from '../view/result-parts.js';
import type { View, ViewFact, ViewRich } from '../view/view.js';
import { roomList } from '../view/room-list.js';

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
        facts.push({ label: p.rooms.length === 1 ? 'Room' : 'Rooms', value: roomList(p.rooms) });
      facts.push({ label: 'Expires', value: { time: p.expiresAt, countdown: true } });
      return {
        tone: 'pending',
        title: `Confirm: ${outcome.action}`,
        text: outcome.warning ? `${p.description}\n${outcome.warning}` : p.description,
        facts,
        notes: [
          outcome.typeToConfirm
            ? `Needs a click on ${outcome.confirmLabel} and the account name ${outcome.typeToConfirm} typed, by someone allowed to; the requester may cancel.`
            : `Needs a click on ${outcome.confirmLabel} by someone allowed to; the requester may cancel.`,
        ],
        confirm: {
          pendingId: p.id,
          confirmLabel: outcome.confirmLabel,
          question: `${outcome.confirmLabel} — ${roomList(p.rooms) || outcome.action}?`,
          ...(outcome.typeToConfirm ? { typed: true } : {}),
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

/** The command's own body (its `view`), framed alike for every command. */
function resultView(outcome: Extract<Outcome, { type: 'result' }>, where: string | undefined): View {
  const body = outcome.view;
  const view: View = {
    tone: outcome.kind === 'read' ? 'info' : 'ok',
    title: outcome.summary,
    ...(body.text !== undefined ? { text: body.text } : {}),
    ...(body.table ? { table: body.table } : {}),
    ...(body.code !== undefined ? { code: body.code } : {}),
    facts: [...(body.facts ?? [])],
    notes: outcome.requestId ? [`Vendor request id: ${outcome.requestId}`] : [],
  };
  if (where) view.facts.push({ label: 'Account', value: where });
  if (outcome.approvedBy) {
    const at: ViewRich = outcome.approvedAt
      ? [outcome.approvedBy, ' at ', { time: outcome.approvedAt }]
      : outcome.approvedBy;
    view.facts.push({ label: 'Approved by', value: at });
  }
  view.notes.push(...(body.notes ?? []));
  return view;
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
    case 'mistyped':
      return {
        tone: 'warning',
        title: 'Not confirmed',
        text: decision.message,
        facts: [],
        notes: ['The prompt is still open: click again to type the account name.'],
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
    ...(p.rooms.length ? [{ label: 'Rooms', value: roomList(p.rooms) }] : []),
  ];
}
