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

describe('terminal-safe text', () => {
  it('replaces C0, DEL and C1 controls in every part of a view, keeps newlines and tabs, and still colours', () => {
    const evil = 'A\u001b]0;title\u0007B\u001b[2J\u009b31m\rC\u007f';
    const out = renderText(
      {
        tone: 'ok',
        title: evil,
        text: `line 1\n\t${evil}`,
        facts: [{ label: evil, value: evil }],
        table: { columns: ['name'], rows: [[evil]] },
        code: evil,
        notes: [evil],
      },
      { colour: true },
    );
    // The only ESC left is the renderer's own colour codes.
    // eslint-disable-next-line no-control-regex -- checking for control characters.
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('A␛]0;title␇B␛[2J\ufffd31m␍C\ufffd');
    expect(out).toContain('line 1\n\t');
  });
});
