/**
 * Finding, reading and validating roomops.yml (DESIGN.md "Config"):
 * `--config FILE`, else env ROOMOPS_CONFIG, else ./roomops.yml; with none of
 * them, `{ source: 'none' }` and the caller runs the sandbox. A file named by
 * --config or ROOMOPS_CONFIG that does not exist is an error, not a fallback.
 *
 * Every problem is collected into one ConfigError whose message lists each
 * as `path: what is wrong`. No message ever contains a value from the file.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { crossCheck } from './cross-check.js';
import { type ConfigIssue, type Env, formatPath, interpolateEnv } from './interpolate.js';
import { flattenIssues, safeErrorMap, scrub, suggestFieldNames } from './issues.js';
import { configSchema, type RoomOpsConfig } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'roomops.yml';

export interface LoadConfigOptions {
  /** From `--config`. */
  path?: string;
  /** Where ROOMOPS_CONFIG and `${VAR}` values are read. */
  env: Env;
  /** Base for relative paths; default process.cwd(). */
  cwd?: string;
}

export type LoadedConfig = { source: 'file'; path: string; config: RoomOpsConfig } | { source: 'none' };

/** Account fields that are not credentials; every other string under accounts is treated as one. */
const NON_SECRET_ACCOUNT_FIELDS = new Set([
  'vendor',
  'baseUrl',
  'timeoutMs',
  'rateLimit',
  'maxReplyBytes',
  'appKey',
  'orgName',
  'appName',
  'appId',
  'defaultOwner',
  'announceAs',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function collectStrings(node: unknown, into: string[]): void {
  if (typeof node === 'string') into.push(node);
  else if (Array.isArray(node)) for (const item of node) collectStrings(item, into);
  else if (isRecord(node)) for (const value of Object.values(node)) collectStrings(value, into);
}

/** Values that must never be printed: credentials (and typo'd siblings of them) and the storage URL. */
function secretsIn(data: unknown): string[] {
  const secrets: string[] = [];
  if (!isRecord(data)) return secrets;
  if (isRecord(data.accounts)) {
    for (const account of Object.values(data.accounts)) {
      if (!isRecord(account)) continue;
      for (const [field, value] of Object.entries(account)) {
        if (!NON_SECRET_ACCOUNT_FIELDS.has(field)) collectStrings(value, secrets);
      }
    }
  }
  if (isRecord(data.storage)) collectStrings(data.storage.url, secrets);
  return secrets;
}

/**
 * account.ts's baseUrl refinement calls `new URL()`, which throws on text that
 * is not a URL (zod runs refinements after a failed `.url()` check). Report
 * such values here and validate the rest with a stand-in URL.
 */
function guardBaseUrls(data: unknown, issues: ConfigIssue[], skip: Set<string>): void {
  if (!isRecord(data) || !isRecord(data.accounts)) return;
  for (const [name, account] of Object.entries(data.accounts)) {
    if (!isRecord(account) || typeof account.baseUrl !== 'string' || URL.canParse(account.baseUrl)) continue;
    const path = formatPath(['accounts', name, 'baseUrl']);
    if (!skip.has(path)) {
      issues.push({
        path,
        message: 'must be a URL with scheme, host and port only, e.g. https://api.example.com',
      });
    }
    skip.add(path);
    account.baseUrl = 'https://placeholder.invalid';
  }
}

function fail(where: string, issues: ConfigIssue[], secrets: string[]): never {
  const lines = issues.map((i) => scrub(i.path ? `${i.path}: ${i.message}` : i.message, secrets));
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  throw new ConfigError(`${where} is invalid (${count}):\n${lines.map((l) => `  - ${l}`).join('\n')}`, {
    ...(issues[0]?.path ? { field: issues[0].path } : {}),
    file: where,
    issues: issues.map((i) => ({ path: i.path, message: scrub(i.message, secrets) })),
  });
}

/** Validates already-parsed YAML data. `where` names the file in messages. Throws ConfigError. */
export function validateConfig(data: unknown, env: Env, where = DEFAULT_CONFIG_FILE): RoomOpsConfig {
  const interpolated = interpolateEnv(data ?? {}, env);
  const issues: ConfigIssue[] = [...interpolated.issues];
  const skip = new Set(interpolated.failedPaths);
  const secrets = secretsIn(interpolated.value);
  guardBaseUrls(interpolated.value, issues, skip);

  let parsed: ReturnType<typeof configSchema.safeParse>;
  try {
    parsed = configSchema.safeParse(interpolated.value, { error: safeErrorMap });
  } catch {
    // A schema refinement threw: report without its text, which may quote input.
    fail(
      where,
      [...issues, { path: '', message: 'the config could not be validated (a field has an unusable value)' }],
      secrets,
    );
  }
  if (!parsed.success) {
    const zodIssues = suggestFieldNames(flattenIssues(parsed.error.issues), parsed.error.issues);
    for (const issue of zodIssues) {
      if (skip.has(issue.path)) continue;
      issues.push(
        issue.path === '' && issue.message.startsWith('unknown field')
          ? {
              path: '',
              message: `${issue.message} at the top level (expected ${Object.keys(configSchema.shape).join(', ')})`,
            }
          : issue,
      );
    }
  }
  issues.push(...crossCheck(interpolated.value));
  if (issues.length > 0 || !parsed.success) fail(where, issues, secrets);
  return parsed.data;
}

/** Alias expansions a config may use; real configs need a handful, a YAML bomb needs thousands. */
const MAX_ALIAS_COUNT = 100;

/** Parses YAML text and validates it. Throws ConfigError. */
export function parseConfigText(text: string, env: Env, where = DEFAULT_CONFIG_FILE): RoomOpsConfig {
  const lineCounter = new LineCounter();
  // prettyErrors off: its messages quote the source line, which may hold a secret.
  const doc = parseDocument(text, { prettyErrors: false, lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      return { path: '', message: `YAML syntax error at line ${line}, column ${col}: ${e.message}` };
    });
    fail(where, issues, []);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // The yaml library throws when aliases expand past the limit (a "billion laughs" file).
    fail(
      where,
      [
        {
          path: '',
          message: `YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} alias uses): write the values out or use fewer *aliases`,
        },
      ],
      [],
    );
  }
  if (data !== null && data !== undefined && !isRecord(data)) {
    fail(
      where,
      [{ path: '', message: 'the file must be a YAML mapping with accounts:, access: and storage:' }],
      [],
    );
  }
  return validateConfig(data, env, where);
}

/** Finds and loads the config file; `{ source: 'none' }` when there is none to load. Throws ConfigError. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const fromEnv = options.env.ROOMOPS_CONFIG;
  const explicit =
    options.path !== undefined
      ? { file: options.path, from: '--config' }
      : fromEnv !== undefined && fromEnv !== ''
        ? { file: fromEnv, from: 'ROOMOPS_CONFIG' }
        : undefined;
  const path = resolve(cwd, explicit?.file ?? DEFAULT_CONFIG_FILE);

  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return { source: 'none' };
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'cannot be read (permission denied)'
            : `cannot be read (${code ?? 'unknown error'})`;
    const origin = explicit ? ` (from ${explicit.from})` : '';
    throw new ConfigError(`config file ${path}${origin} ${reason}`, { file: path });
  }
  return { source: 'file', path, config: parseConfigText(text, options.env, path) };
}
