import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/render/text.js';
import { textTable } from '../../src/render/text-table.js';

describe('textTable', () => {
  it('aligns every column to its widest cell, counting code points', () => {
    const out = textTable(
      ['id', 'name'],
      [
        ['1', 'Café ☕'],
        ['22', 'Lobby'],
      ],
    ).split('\n');
    const widths = new Set(out.map((l) => [...l].length));
    expect(widths.size).toBe(1);
    expect(out[3]).toBe('│ 1  │ Café ☕ │');
  });

  it('keeps a cell on one line and cuts it at 80 characters', () => {
    const out = textTable(['text'], [[`a\nb ${'x'.repeat(200)}`]]);
    const body = out.split('\n')[3]!;
    expect(body).toContain('a b ');
    expect([...body].length).toBe(80 + 4);
    expect(body).toContain('…');
  });
});

describe('renderText', () => {
  it('writes no escape codes without colour (NO_COLOR, pipes)', () => {
    const text = renderText({
      tone: 'ok',
      title: 'Done',
      facts: [{ label: 'Room', value: 'lobby' }],
      table: { columns: ['id'], rows: [['a']] },
      notes: ['n'],
    });
    expect(text).not.toContain(String.fromCharCode(27));
    expect(text).toContain('✔ Done');
  });
  it('says (none) for an empty table', () => {
    expect(
      renderText({ tone: 'info', title: 'x', facts: [], table: { columns: ['id'], rows: [] }, notes: [] }),
    ).toContain('(none)');
  });
});
