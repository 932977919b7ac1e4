/**
 * What Slack checks before it accepts a message posted to a response_url:
 * Block Kit's limits (PLATFORMS.md "Platform limits") and the confirm
 * dialog's required plain_text fields. Returns the problems; none = accepted.
 */
const MAX_BLOCKS = 50;
/** Table block (docs.slack.dev table-block; one per message and 10,000 cell characters as reported). */
const TABLE = { rows: 100, cells: 20, chars: 10_000, columnSettings: 20 };
const RICH_ELEMENTS = new Set(['text', 'user', 'date', 'link', 'emoji', 'channel', 'usergroup']);
/** Slack answers `msg_blocks_too_long` at about 13,200 characters (bolt-js#2509). */
const MAX_TOTAL_TEXT = 13_000;

type Json = Record<string, unknown>;

/**
 * `maxBlocks` 100 and `view: true` for a Home view: no message text ceiling
 * there, but the whole view ≤ 250 kB (`view_too_large`, views.publish).
 * `modal: true` also allows input blocks, which only modals take.
 */
export function validateMessage(
  body: Json,
  options: { maxBlocks?: number; view?: boolean; modal?: boolean } = {},
): string[] {
  const maxBlocks = options.maxBlocks ?? MAX_BLOCKS;
  const problems: string[] = [];
  const blocks = body.blocks;
  if (blocks === undefined) {
    if (typeof body.text !== 'string' || body.text.length === 0) problems.push('no text and no blocks');
    return problems;
  }
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (blocks.length > maxBlocks) problems.push(`too many blocks: ${blocks.length}`);
  const tables = blocks.filter((b) => (b as Json).type === 'table').length;
  if (tables > 1) problems.push(`only_one_table_allowed: ${tables} table blocks`);
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
      case 'input':
        if (!options.modal) problems.push(`${at}: input blocks only in modals`);
        else problems.push(...inputProblems(b, at));
        break;
      case 'table':
        problems.push(...tableProblems(b, at));
        break;
      default:
        problems.push(`${at}: unexpected block type`);
    }
  });
  if (!options.view && total > MAX_TOTAL_TEXT) problems.push(`msg_blocks_too_long: ${total} characters`);
  if (options.view && JSON.stringify(body).length > 250_000) problems.push('view_too_large');
  return problems;
}

/** A `table` block: rows and cells within limits, every cell raw_text (non-empty) or rich_text. */
export function tableProblems(b: Json, at: string): string[] {
  const problems: string[] = [];
  const rows = b.rows as unknown[];
  if (!Array.isArray(rows) || rows.length === 0) return [`${at}: rows must be a non-empty array`];
  if (rows.length > TABLE.rows) problems.push(`${at}: ${rows.length} rows > ${TABLE.rows}`);
  const settings = b.column_settings as Json[] | undefined;
  if (settings !== undefined) {
    if (!Array.isArray(settings) || settings.length > TABLE.columnSettings)
      problems.push(`${at}: column_settings must be ≤ ${TABLE.columnSettings} items`);
    else
      for (const s of settings)
        if (s.align !== undefined && !['left', 'center', 'right'].includes(String(s.align)))
          problems.push(`${at}: bad align ${String(s.align)}`);
  }
  let chars = 0;
  rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length === 0 || row.length > TABLE.cells) {
      problems.push(`${at}.rows[${r}]: 1–${TABLE.cells} cells`);
      return;
    }
    row.forEach((raw, c) => {
      const cell = raw as Json;
      const where = `${at}.rows[${r}][${c}]`;
      if (cell.type === 'raw_text') {
        if (typeof cell.text !== 'string' || cell.text.length === 0)
          problems.push(`${where}: empty raw_text`);
        else chars += cell.text.length;
      } else if (cell.type === 'rich_text') {
        const sections = cell.elements as Json[];
        if (!Array.isArray(sections) || sections.length === 0)
          problems.push(`${where}: rich_text without elements`);
        else
          for (const section of sections) {
            const inner = section.elements as Json[];
            if (section.type !== 'rich_text_section' || !Array.isArray(inner) || inner.length === 0) {
              problems.push(`${where}: expected a non-empty rich_text_section`);
              continue;
            }
            for (const e of inner) {
              if (!RICH_ELEMENTS.has(String(e.type))) problems.push(`${where}: element ${String(e.type)}`);
              if (e.type === 'text') {
                if (typeof e.text !== 'string' || e.text.length === 0) problems.push(`${where}: empty text`);
                else chars += e.text.length;
              }
              if (e.type === 'user' && !/^[UW][A-Z0-9]+$/.test(String(e.user_id)))
                problems.push(`${where}: bad user_id`);
              if (e.type === 'date') {
                if (!Number.isInteger(e.timestamp))
                  problems.push(`${where}: date needs an integer timestamp`);
                if (typeof e.format !== 'string' || typeof e.fallback !== 'string')
                  problems.push(`${where}: date needs format and fallback`);
                else chars += e.fallback.length;
              }
            }
          }
      } else problems.push(`${where}: cell type ${String(cell.type)}`);
    });
  });
  if (chars > TABLE.chars) problems.push(`${at}: ${chars} characters in cells > ${TABLE.chars}`);
  return problems;
}

/** An input block (docs.slack.dev reference/block-kit/blocks/input-block) holding a plain_text_input. */
function inputProblems(b: Json, at: string): string[] {
  const problems: string[] = [];
  const label = b.label as Json | undefined;
  if (label?.type !== 'plain_text' || typeof label.text !== 'string' || label.text.length === 0)
    problems.push(`${at}: label must be non-empty plain_text`);
  else if (label.text.length > 2000) problems.push(`${at}: label ${label.text.length} > 2000 characters`);
  const hint = b.hint as Json | undefined;
  if (hint !== undefined && (typeof hint.text !== 'string' || hint.text.length > 2000))
    problems.push(`${at}: hint must be plain_text ≤ 2000 characters`);
  const e = b.element as Json | undefined;
  if (!e || e.type !== 'plain_text_input') return [...problems, `${at}: element must be a plain_text_input`];
  const id = String(e.action_id ?? '');
  if (!id || id.length > 255) problems.push(`${at}: bad action_id`);
  const max = e.max_length;
  if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 3000))
    problems.push(`${at}: max_length must be 1–3000`);
  return problems;
}
