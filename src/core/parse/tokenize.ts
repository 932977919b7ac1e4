/**
 * The scanner of the text grammar (`<action> <positional…> key=value … --flag`).
 *
 * Quoting rule (chosen so apostrophes in ordinary words are never misread):
 * - A quote opens only at the START of a token, or right after the first
 *   unquoted `=` of a token (`key="a b"`). Anywhere else a quote character is
 *   an ordinary character: `don't`, `rock’n’roll`, `5"` stay as typed.
 * - Two quote families, each with its straight and curly forms (Slack and
 *   phones turn `"` into “ ” and `'` into ‘ ’, sometimes the wrong way round):
 *   double `"` “ ” and single `'` ‘ ’. Any member of the family that opened
 *   the quote may close it.
 * - A quote closes only where it is followed by whitespace or the end of the
 *   text, so `'don't panic'` and `“it’s live”` are one value each. A quoted
 *   value is therefore always a whole token (or a whole option value).
 * - Inside double quotes a backslash escapes a backslash or a double quote
 *   (`"say \"hi\""`); any other backslash is kept. Single quotes have no
 *   escapes. Outside quotes a backslash is an ordinary character.
 * - A quote left open at the end of the text is an error, never guessed at.
 *
 * Tokens are separated by whitespace (including the no-break space some
 * clients insert). Tab, line feed and carriage return are whitespace; every
 * other control character is rejected, as is text over MAX_COMMAND_LENGTH.
 */
import { InputError } from '../errors.js';

/** Longest command text accepted, in characters (Unicode code points). */
export const MAX_COMMAND_LENGTH = 4000;

export const DOUBLE_QUOTES = '"\u201C\u201D'; // " “ ”
export const SINGLE_QUOTES = "'\u2018\u2019"; // ' ‘ ’

export interface Token {
  /** The token's text after quotes and escapes are removed. */
  value: string;
  /** The token exactly as typed. */
  raw: string;
  /** Offset of the token in the text (UTF-16 code units). */
  start: number;
  /** The whole token was quoted: it is a literal, never a flag or an option. */
  quoted: boolean;
  /** Index in `value` of the first unquoted `=`, or -1 when there is none. */
  eq: number;
  /** The part after `eq` was quoted (`key="a b"`, also `key=""`). */
  valueQuoted: boolean;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; error: InputError };

const isSpace = (ch: string): boolean => /\s/u.test(ch);

/** C0 controls other than tab, LF and CR; DEL; C1 controls. */
function isForbiddenControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

function quoteFamily(ch: string | undefined): string | undefined {
  if (ch === undefined) return undefined;
  if (DOUBLE_QUOTES.includes(ch)) return DOUBLE_QUOTES;
  if (SINGLE_QUOTES.includes(ch)) return SINGLE_QUOTES;
  return undefined;
}

function describeControl(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Checks length and characters before scanning; undefined when the text is acceptable. */
function checkText(text: string): InputError | undefined {
  // Cheap bound first: more code units than 2×limit cannot be within the limit.
  if (text.length > MAX_COMMAND_LENGTH * 2) {
    return new InputError(`the command is too long: at most ${MAX_COMMAND_LENGTH} characters`, {
      expected: `at most ${MAX_COMMAND_LENGTH} characters`,
    });
  }
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
    if (isForbiddenControl(code)) {
      return new InputError(
        `the command contains a control character (${describeControl(code)}) at character ${count}: remove it`,
        { position: i },
      );
    }
  }
  if (count > MAX_COMMAND_LENGTH) {
    return new InputError(
      `the command is too long: ${count} characters, at most ${MAX_COMMAND_LENGTH} are accepted`,
      { expected: `at most ${MAX_COMMAND_LENGTH} characters` },
    );
  }
  return undefined;
}

/**
 * Scans a quoted section starting at `open` (the opening quote). Returns the
 * unquoted content and the index just past the closing quote, or an error.
 */
function scanQuoted(
  text: string,
  open: number,
): { ok: true; content: string; end: number } | { ok: false; error: InputError } {
  const opener = text[open]!;
  const family = quoteFamily(opener)!;
  const isDouble = family === DOUBLE_QUOTES;
  let content = '';
  let i = open + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (isDouble && ch === '\\') {
      const next = text[i + 1];
      if (next !== undefined && (next === '\\' || DOUBLE_QUOTES.includes(next))) {
        content += next;
        i += 2;
        continue;
      }
      content += ch;
      i++;
      continue;
    }
    if (family.includes(ch)) {
      const after = text[i + 1];
      if (after === undefined || isSpace(after)) return { ok: true, content, end: i + 1 };
    }
    content += ch;
    i++;
  }
  const kind = isDouble ? 'double' : 'single';
  return {
    ok: false,
    error: new InputError(
      `unterminated quote: the ${kind} quote ${opener} opened at character ${open + 1} is never closed ` +
        '(a closing quote must be followed by a space or the end of the text)',
      { position: open },
    ),
  };
}

export function tokenize(text: string): TokenizeResult {
  const bad = checkText(text);
  if (bad) return { ok: false, error: bad };

  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i]!)) {
      i++;
      continue;
    }
    const start = i;
    if (quoteFamily(text[i]) !== undefined) {
      const q = scanQuoted(text, i);
      if (!q.ok) return q;
      tokens.push({
        value: q.content,
        raw: text.slice(start, q.end),
        start,
        quoted: true,
        eq: -1,
        valueQuoted: false,
      });
      i = q.end;
      continue;
    }
    let value = '';
    let eq = -1;
    let valueQuoted = false;
    while (i < text.length && !isSpace(text[i]!)) {
      const ch = text[i]!;
      if (ch === '=' && eq === -1) {
        eq = value.length;
        value += ch;
        i++;
        if (quoteFamily(text[i]) !== undefined) {
          const q = scanQuoted(text, i);
          if (!q.ok) return q;
          value += q.content;
          valueQuoted = true;
          i = q.end;
          break;
        }
        continue;
      }
      value += ch;
      i++;
    }
    tokens.push({ value, raw: text.slice(start, i), start, quoted: false, eq, valueQuoted });
  }
  return { ok: true, tokens };
}
