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

export class Redactor {
  private readonly needles: string[];

  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    for (const secret of secrets) {
      // Very short values would mask ordinary text; config requires real keys.
      if (secret.length < 4) continue;
      forms.add(secret);
      forms.add(encodeURIComponent(secret));
      forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    }
    // Longest first so a secret containing another is masked whole.
    this.needles = [...forms].sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    for (const needle of this.needles) out = out.split(needle).join(REDACTED);
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
