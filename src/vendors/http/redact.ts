/**
 * Scrubbing of credentials. Two layers: header names that always carry
 * credentials are masked whatever their value, and every known secret value of
 * the account is replaced wherever it appears (URL query, body, a vendor's
 * error text echoing it back) in plain and percent-encoded form.
 */
export const REDACTED = '[redacted]';

const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'x-api-key',
  'signature',
  // RongCloud's App Key identifies rather than authenticates, but it is account config: keep it out of output too.
  'app-key',
  'rc-app-key',
  'rc-signature',
  'nonce',
  'rc-nonce',
  'cookie',
]);

/** Below this length a secret is masked only where it stands alone, not inside longer words. */
const SHORT_SECRET = 4;

export class Redactor {
  private readonly needles: string[];
  private readonly shortNeedles: RegExp | undefined;

  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    const shortForms = new Set<string>();
    for (const secret of secrets) {
      if (secret.length === 0) continue;
      const into = secret.length < SHORT_SECRET ? shortForms : forms;
      into.add(secret);
      into.add(encodeURIComponent(secret));
      into.add(new URLSearchParams({ s: secret }).toString().slice(2));
    }
    // Longest first so a secret containing another is masked whole.
    this.needles = [...forms].sort((a, b) => b.length - a.length);
    // A short key ("ab") is still a credential, but masking every "ab" inside a
    // word would garble text: mask it where it is a whole value (`apiKey=ab&`, `"ab"`).
    this.shortNeedles = shortForms.size
      ? new RegExp(
          `(?<![A-Za-z0-9])(?:${[...shortForms]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|')})(?![A-Za-z0-9])`,
          'g',
        )
      : undefined;
  }

  text(value: string): string {
    let out = value;
    for (const needle of this.needles) out = out.split(needle).join(REDACTED);
    if (this.shortNeedles) out = out.replace(this.shortNeedles, REDACTED);
    return out;
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? REDACTED : this.text(value);
    }
    return out;
  }

  /** Deep copy of a JSON-like value with every secret string masked. */
  value(input: unknown): unknown {
    if (typeof input === 'string') return this.text(input);
    if (Array.isArray(input)) return input.map((v) => this.value(v));
    if (input && typeof input === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(input)) out[k] = this.value(v);
      return out;
    }
    return input;
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
