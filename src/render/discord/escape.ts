/**
 * User and vendor text is untrusted (DESIGN.md "Rules every part keeps"):
 * it must not format, link or mention. Messages also go out with
 * `allowedMentions: { parse: [] }`; escaping keeps them from even looking
 * like a mention or a masked link.
 */
const MARKDOWN = /[\\*_~`|[\]<>]/g;
const LINE_START = /^(\s*)([#>-]|\d+\.)/gm;
const EVERYONE = /@(everyone|here)/g;

/** Text for an embed title, description or field: no markdown, no mentions. */
export function escapeText(text: string): string {
  return text
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(LINE_START, (_m, space: string, mark: string) => `${space}\\${mark}`)
    .replace(EVERYONE, '@\u200b$1');
}

/** Text inside a ``` code block: only the fence itself must not appear. */
export function escapeCode(text: string): string {
  return text.replace(/`/g, 'ˋ');
}
