import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { formatCommandText } from '../../src/core/parse/format.js';
import { MAX_COMMAND_LENGTH, parseCommandText, tokenize } from '../../src/core/parse/index.js';
import type { RawInvocation } from '../../src/core/types.js';

function ok(text: string): RawInvocation {
  const r = parseCommandText(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${r.error.message}`);
  return r.value;
}

function err(text: string): InputError {
  const r = parseCommandText(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to fail, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('parseCommandText: grammar', () => {
  it('splits action, positionals, key=value options and --flags', () => {
    expect(ok('delete rong-prod lobby-42 limit=5 --dry-run')).toEqual({
      action: 'delete',
      positionals: ['rong-prod', 'lobby-42'],
      options: { limit: '5' },
      flags: ['dry-run'],
      text: 'delete rong-prod lobby-42 limit=5 --dry-run',
    });
  });

  it('treats empty or blank text as help', () => {
    expect(ok('')).toMatchObject({ action: 'help', positionals: [], options: {}, flags: [] });
    expect(ok('   \t\n ')).toMatchObject({ action: 'help', positionals: [] });
  });

  it('treats flags-only text as help with those flags', () => {
    expect(ok('--json')).toMatchObject({ action: 'help', flags: ['json'] });
  });

  it('lower-cases the action and keeps everything else verbatim', () => {
    expect(ok('LIST Rong-Prod Lobby destroyType=ZERO --Yes')).toMatchObject({
      action: 'list',
      positionals: ['Rong-Prod', 'Lobby'],
      options: { destroyType: 'ZERO' },
      flags: ['Yes'],
    });
  });

  it('accepts --flags anywhere, also before the action', () => {
    expect(ok('--dry-run delete --yes rong lobby --json')).toMatchObject({
      action: 'delete',
      positionals: ['rong', 'lobby'],
      flags: ['dry-run', 'yes', 'json'],
    });
  });

  it('lists a repeated flag once', () => {
    expect(ok('list a --yes --yes').flags).toEqual(['yes']);
  });

  it('keeps the text as typed', () => {
    expect(ok('  list   agora ').text).toBe('  list   agora ');
  });

  it('splits on tabs, newlines and no-break spaces', () => {
    expect(ok('list\tagora\nlimit=5\u00a0--json')).toMatchObject({
      action: 'list',
      positionals: ['agora'],
      options: { limit: '5' },
      flags: ['json'],
    });
  });

  it('keeps a value containing = after the first one', () => {
    expect(ok('update a r note=x=y').options).toEqual({ note: 'x=y' });
  });

  it('accepts keys with letters, digits, _, . and -', () => {
    expect(ok('update a r _a.b-c9=1 announceAs.id=u').options).toEqual({
      '_a.b-c9': '1',
      'announceAs.id': 'u',
    });
  });

  it('keeps a single-dash token as a positional', () => {
    expect(ok('members a r remove -5').positionals).toEqual(['a', 'r', 'remove', '-5']);
  });
});

describe('parseCommandText: quotes', () => {
  it('groups words in double quotes', () => {
    expect(ok('announce a r "Hello there, world"').positionals).toEqual(['a', 'r', 'Hello there, world']);
  });

  it('groups words in single quotes', () => {
    expect(ok("announce a r 'Hello there'").positionals).toEqual(['a', 'r', 'Hello there']);
  });

  it('treats curly double quotes “ ” as quotes', () => {
    expect(ok('announce a r “Hello there”').positionals).toEqual(['a', 'r', 'Hello there']);
  });

  it('treats curly single quotes ‘ ’ as quotes', () => {
    expect(ok('announce a r ‘Hello there’').positionals).toEqual(['a', 'r', 'Hello there']);
  });

  it('lets any member of the family close the quote (phones mix them)', () => {
    expect(ok('announce a r ”Hello there”').positionals[2]).toBe('Hello there');
    expect(ok('announce a r “Hello there"').positionals[2]).toBe('Hello there');
    expect(ok("announce a r ’Hello there'").positionals[2]).toBe('Hello there');
  });

  it("keeps an apostrophe inside a word: don't is not a quote opener", () => {
    expect(ok("announce a r don't panic").positionals).toEqual(['a', 'r', "don't", 'panic']);
    expect(ok('announce a r rock’n’roll 5"').positionals).toEqual(['a', 'r', 'rock’n’roll', '5"']);
  });

  it('opens a quote at the start of a token, so a leading apostrophe needs quoting', () => {
    expect(err('announce a r ‘80s music').message).toMatch(/unterminated quote/);
    expect(ok('announce a r "‘80s music"').positionals[2]).toBe('‘80s music');
  });

  it('keeps an apostrophe inside a single-quoted value: a quote closes only before a space or the end', () => {
    expect(ok("announce a r 'Don't panic'").positionals[2]).toBe("Don't panic");
    expect(ok('announce a r ‘it’s live’ now').positionals.slice(2)).toEqual(['it’s live', 'now']);
  });

  it('keeps a quote in the middle of a word as typed', () => {
    expect(ok('update a r size=5" note=a"b').options).toEqual({ size: '5"', note: 'a"b' });
  });

  it('quotes an option value: key="a b", key=“a b”, key=\'a b\'', () => {
    expect(ok('update a r name="Lobby one" about=“Live now” desc=\'x y\'').options).toEqual({
      name: 'Lobby one',
      about: 'Live now',
      desc: 'x y',
    });
  });

  it('accepts an explicitly empty value key=""', () => {
    expect(ok('update a r about=""').options).toEqual({ about: '' });
  });

  it('accepts an empty quoted positional', () => {
    expect(ok('announce a r ""').positionals).toEqual(['a', 'r', '']);
  });

  it('unescapes \\" and \\\\ inside double quotes and keeps other backslashes', () => {
    expect(ok('announce a r "say \\"hi\\" \\\\ C:\\temp"').positionals[2]).toBe('say "hi" \\ C:\\temp');
    expect(ok('announce a r “a \\” b”').positionals[2]).toBe('a ” b');
  });

  it('has no escapes in single quotes and keeps backslashes outside quotes', () => {
    expect(ok("announce a r 'a\\b' c\\d").positionals.slice(2)).toEqual(['a\\b', 'c\\d']);
  });

  it('makes a quoted token a positional whatever it contains', () => {
    expect(ok('info a "a=b" "--yes"')).toMatchObject({
      positionals: ['a', 'a=b', '--yes'],
      options: {},
      flags: [],
    });
  });

  it('keeps newlines inside quotes', () => {
    expect(ok('announce a r "line one\nline two"').positionals[2]).toBe('line one\nline two');
  });

  it('allows a quoted action, lower-cased', () => {
    expect(ok('"LIST" a').action).toBe('list');
  });
});

describe('parseCommandText: errors name the problem', () => {
  it('rejects an unterminated double quote, saying where it opened', () => {
    const e = err('announce a r "Hello there');
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/unterminated quote/);
    expect(e.message).toMatch(/character 14/);
  });

  it('rejects an unterminated curly or single quote', () => {
    expect(err('announce a r “Hello').message).toMatch(/unterminated quote: the double quote “/);
    expect(err("announce a r 'Hello").message).toMatch(/unterminated quote: the single quote '/);
    expect(err('update a r name="x').message).toMatch(/unterminated quote/);
  });

  it('rejects a quote closed in the middle of a word rather than guessing', () => {
    expect(err('announce a r "ab"cd').message).toMatch(/unterminated quote/);
  });

  it('rejects an empty key', () => {
    const e = err('update a r =x');
    expect(e.message).toMatch(/"=x" has an empty key/);
  });

  it('rejects an invalid key, naming it', () => {
    const e = err('update a r 9lives=1');
    expect(e.message).toMatch(/"9lives" is not a valid option name/);
    expect(e.context.field).toBe('9lives');
    expect(err('update a r na:me=1').message).toMatch(/"na:me"/);
  });

  it('rejects a repeated key, naming it', () => {
    const e = err('list a limit=5 limit=6');
    expect(e.message).toBe('option limit is given twice: give it once');
    expect(e.context.field).toBe('limit');
  });

  it('rejects --key=value and suggests key=value', () => {
    const e = err('list a --limit=5');
    expect(e.message).toMatch(/options are written key=value without dashes, e\.g\. limit=5/);
    expect(e.context.field).toBe('limit');
    expect(err('update a r --name="a b"').message).toMatch(/e\.g\. name="a b"/);
  });

  it('rejects a malformed flag', () => {
    expect(err('list a --').message).toMatch(/"--" is not a valid flag/);
    expect(err('list a ---x').message).toMatch(/"---x" is not a valid flag/);
  });

  it('rejects a bare key= (usually a stray space), pointing to key=""', () => {
    const e = err('update a r about= Live');
    expect(e.message).toMatch(/about= has no value/);
    expect(e.message).toMatch(/about=""/);
  });

  it('rejects an option before the action', () => {
    expect(err('limit=5 list').message).toMatch(/must start with an action/);
  });

  it('rejects an empty action', () => {
    expect(err('"" a').message).toMatch(/action is empty/);
  });

  it(`rejects text over ${MAX_COMMAND_LENGTH} characters`, () => {
    expect(ok(`announce a r ${'x'.repeat(MAX_COMMAND_LENGTH - 13)}`).positionals[2]).toHaveLength(
      MAX_COMMAND_LENGTH - 13,
    );
    expect(err(`announce a r ${'x'.repeat(MAX_COMMAND_LENGTH - 12)}`).message).toMatch(/too long/);
    expect(err('x'.repeat(100_000)).message).toMatch(/too long/);
  });

  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(ok('😀'.repeat(MAX_COMMAND_LENGTH)).action).toHaveLength(MAX_COMMAND_LENGTH * 2);
  });

  it('rejects control characters, naming the code point', () => {
    expect(err('list a\u0000').message).toMatch(/control character \(U\+0000\)/);
    expect(err('list \u001b[31ma').message).toMatch(/U\+001B/);
    expect(err('list a\u007f').message).toMatch(/U\+007F/);
    expect(err('list a\u0085').message).toMatch(/U\+0085/);
  });
});

describe('tokenize', () => {
  it('reports raw text, offsets and where the = was', () => {
    const r = tokenize('a  k="x y" "q"');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.tokens).toEqual([
      { value: 'a', raw: 'a', start: 0, quoted: false, eq: -1, valueQuoted: false },
      { value: 'k=x y', raw: 'k="x y"', start: 3, quoted: false, eq: 1, valueQuoted: true },
      { value: 'q', raw: '"q"', start: 11, quoted: true, eq: -1, valueQuoted: false },
    ]);
  });
});

describe('parseCommandText: properties', () => {
  it('never throws on arbitrary input, including unicode, and answers quickly', () => {
    const quoteHeavy = fc
      .array(fc.constantFrom('"', "'", '“', '”', '‘', '’', '\\', '=', '--', ' ', 'a', '\n', '\u00a0', '😀'), {
        maxLength: 60,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), quoteHeavy), (text) => {
        const started = performance.now();
        const r = parseCommandText(text);
        expect(performance.now() - started).toBeLessThan(1000);
        if (r.ok) {
          expect(typeof r.value.action).toBe('string');
          expect(r.value.text).toBe(text);
        } else {
          expect(r.error).toBeInstanceOf(InputError);
          expect(r.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('stays linear on the longest accepted input', () => {
    const nasty = `a ${'"\\'.repeat((MAX_COMMAND_LENGTH - 2) / 2)}`;
    const started = performance.now();
    parseCommandText(nasty);
    parseCommandText(`a ${"'x ".repeat(1300)}`);
    expect(performance.now() - started).toBeLessThan(500);
  });

  // Values: any text without the control characters the parser rejects.
  const textUnit = fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    {
      weight: 3,
      arbitrary: fc
        .array(
          fc.constantFrom(
            '"',
            "'",
            '“',
            '”',
            '‘',
            '’',
            '\\',
            '=',
            '-',
            '--',
            ' ',
            '\t',
            '\n',
            'a',
            'Z',
            '😀',
            ',',
          ),
          { maxLength: 10 },
        )
        .map((p) => p.join('')),
    },
  );
  const isRejectedControl = (c: number) =>
    (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f);
  const value = textUnit.filter((s) => ![...s].some((ch) => isRejectedControl(ch.codePointAt(0)!)));
  const action = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
  const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,10}$/);
  const flag = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
  const invocation = fc.record({
    action,
    positionals: fc.array(value, { maxLength: 5 }),
    options: fc.dictionary(key, value, { maxKeys: 4 }),
    flags: fc.uniqueArray(flag, { maxLength: 3 }),
  });

  it('round-trips: serialized with quoting, every generated invocation parses back exactly', () => {
    fc.assert(
      fc.property(invocation, (inv) => {
        const text = formatCommandText(inv);
        const r = parseCommandText(text);
        if (!r.ok) throw new Error(`${JSON.stringify(text)}: ${r.error.message}`);
        expect(r.value).toEqual({ ...inv, options: { ...inv.options }, text });
      }),
      { numRuns: 2000 },
    );
  });
});
