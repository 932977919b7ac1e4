/**
 * `${ENV_VAR}` interpolation in every string value of the config (keys are
 * left alone). `$${X}` is the escape for a literal `${X}`. The result is always
 * a string: `${PORT}` where a number is expected stays the string "3000".
 * Problems are returned with the path where they occur and never quote the
 * value, which may hold a credential.
 */

export interface ConfigIssue {
  /** Dotted path: `accounts.rong.appSecret`, `access.channels[1]`. */
  path: string;
  message: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BAD_REFERENCE =
  '"${" must be followed by a variable name and "}" (e.g. ${RONG_APP_SECRET}); write $${ for a literal ${';

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export interface InterpolationResult {
  value: unknown;
  issues: ConfigIssue[];
  /** Paths of strings that could not be interpolated (their schema issues are noise). */
  failedPaths: Set<string>;
}

function interpolateString(text: string, env: Env, path: string, out: InterpolationResult): string {
  let result = '';
  let i = 0;
  let failed = false;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      result += '${';
      i += 3;
      continue;
    }
    if (text.startsWith('${', i)) {
      const close = text.indexOf('}', i + 2);
      const name = close === -1 ? '' : text.slice(i + 2, close);
      if (close === -1 || !VAR_NAME.test(name)) {
        out.issues.push({
          path,
          message: BAD_REFERENCE,
        });
        failed = true;
        break;
      }
      const value = env[name];
      if (value === undefined) {
        out.issues.push({ path, message: `environment variable ${name} is not set` });
        failed = true;
      } else {
        result += value;
      }
      i = close + 1;
      continue;
    }
    result += text[i];
    i++;
  }
  if (failed) {
    out.failedPaths.add(path);
    return text;
  }
  return result;
}

export function interpolateEnv(data: unknown, env: Env): InterpolationResult {
  const out: InterpolationResult = { value: undefined, issues: [], failedPaths: new Set() };
  const walk = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string') return interpolateString(node, env, formatPath(path), out);
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        // defineProperty: a YAML key "__proto__" stays an ordinary key.
        Object.defineProperty(copy, key, {
          value: walk(value, [...path, key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return copy;
    }
    return node;
  };
  out.value = walk(data, []);
  return out;
}
