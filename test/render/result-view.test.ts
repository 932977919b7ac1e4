/**
 * A result is shown the way its command's `view` says, not guessed from the
 * result's shape; toView only frames it (summary as title, tone by kind, the
 * account, approval and request id) alike for every command.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import type { ResultOutcome } from '../../src/core/outcome.js';
import { renderText } from '../../src/render/text.js';
import { toView } from '../../src/render/to-view.js';

const rooms = { rooms: [{ id: 'lobby-42', name: 'Lobby', status: 'LIVE' }], source: 'vendor', cursor: 'p2' };

function outcome(over: Partial<ResultOutcome>): ResultOutcome {
  return {
    type: 'result',
    action: 'list',
    account: 'agora',
    vendor: 'agora',
    kind: 'read',
    visibility: 'private',
    summary: '1 room on agora',
    result: rooms,
    view: {},
    ...over,
  };
}

describe('a result is shown by its command’s view', () => {
  it('every command declares one', () => {
    for (const c of COMMANDS) expect(typeof c.view, c.name).toBe('function');
  });

  it('the view decides the body: the same result shows as the view says', () => {
    const asTable = toView(outcome({ view: { table: { columns: ['id'], rows: [['lobby-42']] } } }));
    expect(asTable.table).toEqual({ columns: ['id'], rows: [['lobby-42']] });
    const asText = toView(outcome({ view: { text: 'just words' } }));
    expect(asText.table).toBeUndefined();
    expect(asText.text).toBe('just words');
  });

  it('list: rooms as a table and the next cursor as a note, framed with request id and account', () => {
    const list = COMMANDS.find((c) => c.name === 'list')!;
    const view = toView(
      outcome({
        view: list.view(rooms),
        requestId: 'req-1',
        approvedBy: 'slack:U1',
      }),
    );
    expect(view).toMatchObject({ tone: 'info', title: '1 room on agora' });
    expect(view.table).toEqual({ columns: ['id', 'name', 'status'], rows: [['lobby-42', 'Lobby', 'LIVE']] });
    expect(view.facts).toEqual([
      { label: 'Account', value: 'agora (Agora Chat)' },
      { label: 'Approved by', value: 'slack:U1' },
    ]);
    expect(view.notes).toEqual(['Vendor request id: req-1', 'More: add cursor=p2']);
  });

  it('a command’s facts come before the account; a write is ok-toned', () => {
    const del = COMMANDS.find((c) => c.name === 'delete')!;
    const view = toView(
      outcome({
        action: 'delete',
        kind: 'destructive',
        result: { deleted: [] },
        view: del.view({ deleted: [] }),
      }),
    );
    expect(view.tone).toBe('ok');
    expect(view.facts.map((f) => f.label)).toEqual(['Deleted', 'Account']);
    expect(view.facts[0]!.value).toBe('none');
  });

  it('help is its text as a code block, nothing else', () => {
    const help = COMMANDS.find((c) => c.name === 'help')!;
    const result = { text: 'help text', actions: [] };
    const view = toView(
      outcome({ action: 'help', account: null, vendor: null, result, view: help.view(result) }),
    );
    expect(view).toEqual({ tone: 'info', title: '1 room on agora', code: 'help text', facts: [], notes: [] });
    expect(renderText(view, { colour: false })).toContain('help text');
  });
});
