/**
 * Issue 9.1: one error contract. Every error class RoomOps exports is a
 * RoomOpsError (code, message for a person, context), found by importing
 * every module under src/ and commands/ rather than by a list someone must
 * remember to extend; and the one path to an Outcome keeps the whole context.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outcomeJson } from '../../src/cli/json-output.js';
import type { ErrorLog } from '../../src/core/error-id.js';
import { toOutcomeError } from '../../src/core/outcome-errors.js';
import { ConfigError, InputError, RoomOpsError } from '../../src/shared/coded-error.js';
import { EXIT_STATUS } from '../../src/shared/error-codes.js';
import { StoreError } from '../../src/store/store-error.js';
import { MissingAnnounceAsError, UnsupportedOperationError, VendorError } from '../../src/vendors/errors.js';
import { UnsafePathError } from '../../src/vendors/http/path-guard.js';

const REPO = join(import.meta.dirname, '../..');

/**
 * Error classes that are not RoomOps errors, each with why: the emulated
 * vendor's own failure, which the emulator answers over HTTP.
 */
const NOT_ROOMOPS_ERRORS = new Set(['src/sandbox/rongcloud/replies.ts#RcFailure']);
/** The CLI entry point runs the program when imported; it defines no error class. */
const ENTRY_POINTS = new Set(['src/cli/main.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const isErrorClass = (value: unknown): value is new (...args: never[]) => Error =>
  typeof value === 'function' && value.prototype instanceof Error;

const silentLog = (): ErrorLog & { lines: Record<string, unknown>[] } => {
  const lines: Record<string, unknown>[] = [];
  return { lines, error: (fields) => void lines.push(fields) };
};

describe('every error class RoomOps exports implements the contract', () => {
  it('is a RoomOpsError, or one of the few named exceptions', { timeout: 60_000 }, async () => {
    const files = [...sourceFiles(join(REPO, 'src')), ...sourceFiles(join(REPO, 'commands'))]
      .map((file) => relative(REPO, file).split('\\').join('/'))
      .filter((file) => !ENTRY_POINTS.has(file));
    const outside: string[] = [];
    const exempt: string[] = [];
    let inside = 0;
    for (const file of files) {
      const exports = (await import(pathToFileURL(join(REPO, file)).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        if (!isErrorClass(value)) continue;
        const id = `${file}#${name}`;
        if (value.prototype instanceof RoomOpsError || value === RoomOpsError) inside++;
        else if (NOT_ROOMOPS_ERRORS.has(id)) exempt.push(id);
        else outside.push(id);
      }
    }
    expect(outside).toEqual([]);
    // The exceptions still exist (a stale entry would hide a new class of the same name).
    expect(exempt.sort()).toEqual([...NOT_ROOMOPS_ERRORS].sort());
    expect(inside).toBeGreaterThanOrEqual(8);
  });
});

describe('toOutcomeError: one path that keeps the context', () => {
  const samples: [string, RoomOpsError][] = [
    [
      'vendor error',
      new VendorError('vendor_rate_limited', 'rongcloud chatroom/create.json: rate limited', {
        vendorCode: 1008,
        vendorMessage: 'too many requests',
        requestId: 'req-1',
        status: 429,
        retryAfterSeconds: 30,
        operation: 'chatroom/create.json',
      }),
    ],
    [
      'Watchers announceAs',
      new MissingAnnounceAsError('watch', 'Watchers posts an announcement as a chat user'),
    ],
    [
      'input error',
      new InputError('limit: expected 1–100', { field: 'limit', expected: '1–100', usage: 'list <account>' }),
    ],
    [
      'config error',
      new ConfigError('roomops.yml is invalid', { field: 'accounts.r.appKey', file: 'roomops.yml' }),
    ],
    ['unsafe path', new UnsafePathError('DELETE chatroom', '/a/..', '/')],
    ['unsupported operation', new UnsupportedOperationError('iflychat', 'voice', ['list', 'info'])],
    [
      'partial',
      new RoomOpsError('partial', '1 of 2 failed', {
        items: [{ id: 'a', ok: false, code: 'vendor_not_found', vendorCode: 404 }],
      }),
    ],
  ];

  it.each(samples)('%s: code, message and every context field, nothing logged', (_name, error) => {
    const log = silentLog();
    const shown = toOutcomeError(error, log);
    expect(shown).toEqual({ code: error.code, message: error.message, ...error.context });
    for (const key of Object.keys(error.context)) expect(shown).toHaveProperty(key);
    expect(log.lines).toEqual([]);
  });

  it('the Watchers announceAs error names its path and field (it used to lose path)', () => {
    const shown = toOutcomeError(
      new MissingAnnounceAsError('watch', 'Watchers posts as a chat user'),
      silentLog(),
    );
    expect(shown).toMatchObject({
      code: 'config_error',
      path: 'accounts.watch.announceAs',
      field: 'accounts.watch.announceAs',
    });
  });

  it('--json carries the context and the exit status of the code', () => {
    const error = samples[0]![1];
    const { json, exitCode } = outcomeJson({
      type: 'error',
      action: 'create',
      account: 'rong',
      vendor: 'rongcloud',
      kind: 'write',
      visibility: 'private',
      error: toOutcomeError(error, silentLog()),
    });
    expect(JSON.parse(JSON.stringify(json)).error).toEqual({
      ...error.context,
      code: error.code,
      message: error.message,
    });
    expect(exitCode).toBe(EXIT_STATUS.vendor_rate_limited);
  });

  it('an internal error shows only a message and an error id; its context and cause stay in the log', () => {
    const log = silentLog();
    const store = new StoreError('busy', 'The store is busy; nothing was changed.', {
      cause: new Error('SQLITE_BUSY'),
    });
    const shown = toOutcomeError(store, log);
    expect(Object.keys(shown).sort()).toEqual(['code', 'errorId', 'message']);
    expect(shown.code).toBe('internal');
    expect(shown.message).toBe(`The store is busy; nothing was changed. (error id ${shown.errorId})`);
    expect(log.lines).toEqual([expect.objectContaining({ errorId: shown.errorId, err: store })]);
  });

  it('anything that is not a RoomOpsError is internal, whatever fields it carries', () => {
    const log = silentLog();
    const lookalike = Object.assign(new Error('secret=hunter2'), { code: 'invalid_input', field: 'x' });
    const shown = toOutcomeError(lookalike, log);
    expect(shown.code).toBe('internal');
    expect(shown.message).not.toContain('hunter2');
    expect(shown).not.toHaveProperty('field');
  });
});
