/**
 * What Slack checks before it accepts a message posted to a response_url:
 * Block Kit's limits (PLATFORMS.md "Platform limits") and the confirm
 * dialog's required plain_text fields. Returns the problems; none = accepted.
 */
const MAX_BLOCKS = 50;
/** Slack answers `msg_blocks_too_long` at about 13,200 characters (bolt-js#2509). */
const MAX_TOTAL_TEXT = 13_000;

type Json = Record<string, unknown>;

export function validateMessage(body: Json): string[] {
  const problems: string[] = [];
  const blocks = body.blocks;
  if (blocks === undefined) {
    if (typeof body.text !== 'string' || body.text.length === 0) problems.push('no text and no blocks');
    return problems;
  }
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (blocks.length > MAX_BLOCKS) problems.push(`too many blocks: ${blocks.length}`);
  let total = 0;
  const text = (t: unknown, max: number, where: string, plainOnly = false) => {
    const o = t as Json | undefined;
    if (!o || typeof o.text !== 'string') {
      problems.push(`${where}: missing text object`);
      return;
    }
    if (plainOnly && o.type !== 'plain_text') problems.push(`${where}: must be plain_text`);
    if (o.text.length > max) problems.push(`${where}: ${o.text.length} > ${max} characters`);
    if (o.text.length === 0) problems.push(`${where}: empty`);
    total += o.text.length;
  };
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const at = `blocks[${i}] (${String(b.type)})`;
    if (b.block_id !== undefined && String(b.block_id).length > 255)
      problems.push(`${at}: block_id too long`);
    switch (b.type) {
      case 'header':
        text(b.text, 150, at, true);
        break;
      case 'section': {
        if (b.text !== undefined) text(b.text, 3000, at);
        const fields = b.fields as unknown[] | undefined;
        if (fields) {
          if (fields.length > 10) problems.push(`${at}: ${fields.length} fields > 10`);
          for (const [j, f] of fields.entries()) text(f, 2000, `${at}.fields[${j}]`);
        }
        if (b.text === undefined && !fields) problems.push(`${at}: neither text nor fields`);
        break;
      }
      case 'context': {
        const elements = b.elements as unknown[];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10)
          problems.push(`${at}: 1–10 elements`);
        else for (const [j, e] of elements.entries()) text(e, 3000, `${at}.elements[${j}]`);
        break;
      }
      case 'actions': {
        const elements = b.elements as Json[];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) {
          problems.push(`${at}: 1–25 elements`);
          break;
        }
        const ids = new Set<string>();
        for (const [j, e] of elements.entries()) {
          const where = `${at}.elements[${j}]`;
          const id = String(e.action_id ?? '');
          if (!id || id.length > 255) problems.push(`${where}: bad action_id`);
          if (ids.has(id)) problems.push(`${where}: duplicate action_id ${id}`);
          ids.add(id);
          text(e.text, 75, where, true);
          if (typeof e.value === 'string' && e.value.length > 2000) problems.push(`${where}: value too long`);
          const c = e.confirm as Json | undefined;
          if (c) {
            text(c.title, 100, `${where}.confirm.title`, true);
            text(c.text, 300, `${where}.confirm.text`, true);
            text(c.confirm, 30, `${where}.confirm.confirm`, true);
            text(c.deny, 30, `${where}.confirm.deny`, true);
          }
        }
        break;
      }
      case 'divider':
        break;
      default:
        problems.push(`${at}: unexpected block type`);
    }
  });
  if (total > MAX_TOTAL_TEXT) problems.push(`msg_blocks_too_long: ${total} characters`);
  return problems;
}
