/**
 * The message limits Discord enforces (PLATFORMS.md "Platform limits"). The
 * fake rejects what Discord would reject, with 400 / code 50035, so a
 * renderer that overflows fails its test instead of passing silently.
 */
type Json = Record<string, unknown>;

export function messageProblems(data: Json | undefined): string[] {
  if (!data) return [];
  const problems: string[] = [];
  const content = data.content;
  if (typeof content === 'string' && content.length > 2000)
    problems.push(`content: ${content.length} > 2000`);
  const embeds = (data.embeds as Json[] | undefined) ?? [];
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const title = String(e.title ?? '');
    const description = String(e.description ?? '');
    const footer = String((e.footer as Json | undefined)?.text ?? '');
    const fields = (e.fields as Json[] | undefined) ?? [];
    if (title.length > 256) problems.push(`embeds[${i}].title > 256`);
    if (description.length > 4096) problems.push(`embeds[${i}].description ${description.length} > 4096`);
    if (footer.length > 2048) problems.push(`embeds[${i}].footer > 2048`);
    if (fields.length > 25) problems.push(`embeds[${i}].fields ${fields.length} > 25`);
    total += title.length + description.length + footer.length;
    for (const [j, f] of fields.entries()) {
      const name = String(f.name ?? '');
      const value = String(f.value ?? '');
      if (name.length === 0 || name.length > 256)
        problems.push(`embeds[${i}].fields[${j}].name length ${name.length}`);
      if (value.length === 0 || value.length > 1024)
        problems.push(`embeds[${i}].fields[${j}].value length ${value.length}`);
      total += name.length + value.length;
    }
  }
  if (total > 6000) problems.push(`embeds: ${total} characters > 6000`);
  const rows = (data.components as Json[] | undefined) ?? [];
  if (rows.length > 5) problems.push(`components: ${rows.length} rows > 5`);
  for (const [i, row] of rows.entries()) {
    const buttons = (row.components as Json[] | undefined) ?? [];
    if (buttons.length === 0 || buttons.length > 5)
      problems.push(`components[${i}]: ${buttons.length} buttons`);
    for (const b of buttons) {
      const id = b.custom_id;
      if (typeof id === 'string' && (id.length === 0 || id.length > 100))
        problems.push(`custom_id length ${id.length}`);
      if (String(b.label ?? '').length > 80) problems.push('button label > 80');
    }
  }
  return problems;
}

export function choiceProblems(choices: unknown): string[] {
  if (!Array.isArray(choices)) return ['choices: not an array'];
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`choices: ${choices.length} > 25`);
  for (const c of choices as Json[]) {
    const name = String(c.name ?? '');
    if (name.length < 1 || name.length > 100) problems.push(`choice name length ${name.length}`);
    if (typeof c.value === 'string' && c.value.length > 100)
      problems.push(`choice value length ${c.value.length}`);
  }
  return problems;
}

const OPTION_NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/**
 * What Discord refuses in a registered command (Discord docs,
 * interactions/application-commands "Application Command Object"): names of
 * 1–32 lower-case characters, descriptions of 1–100, at most 25 options per
 * (sub)command, required options before optional ones, at most 25 choices,
 * and choices and autocomplete not together.
 */
export function commandProblems(command: Json, path = String(command.name ?? '')): string[] {
  const problems: string[] = [];
  const name = String(command.name ?? '');
  if (!OPTION_NAME.test(name) || name !== name.toLowerCase()) problems.push(`${path}: name "${name}"`);
  const description = String(command.description ?? '');
  if (description.length < 1 || description.length > 100)
    problems.push(`${path}: description length ${description.length}`);
  const options = (command.options as Json[] | undefined) ?? [];
  if (options.length > 25) problems.push(`${path}: ${options.length} options > 25`);
  let optionalSeen = false;
  for (const option of options) {
    const where = `${path}.${String(option.name)}`;
    if (option.type === 1 || option.type === 2) {
      problems.push(...commandProblems(option, where));
      continue;
    }
    problems.push(...commandProblems({ ...option, options: [] }, where));
    if (option.required === true && optionalSeen)
      problems.push(`${where}: required after an optional option`);
    if (option.required !== true) optionalSeen = true;
    const choices = (option.choices as Json[] | undefined) ?? [];
    if (choices.length > 25) problems.push(`${where}: ${choices.length} choices > 25`);
    if (choices.length > 0 && option.autocomplete === true)
      problems.push(`${where}: choices and autocomplete together`);
  }
  return problems;
}

/**
 * What Discord refuses in a modal (type 9; PLATFORMS.md item 11): custom_id
 * 1–100, title 1–45, 1–5 components; a Label (18) has a label ≤ 45, a
 * description ≤ 100 and one text input without its own label; a text input
 * has a custom_id, style 1 or 2, min_length 0–4000, max_length 1–4000;
 * `disabled` is an error.
 */
export function modalProblems(data: Json | undefined): string[] {
  if (!data) return ['data: missing'];
  const problems: string[] = [];
  const id = String(data.custom_id ?? '');
  if (id.length < 1 || id.length > 100) problems.push(`custom_id length ${id.length}`);
  const title = String(data.title ?? '');
  if (title.length < 1 || title.length > 45) problems.push(`title length ${title.length}`);
  const components = (data.components as Json[] | undefined) ?? [];
  if (components.length < 1 || components.length > 5) problems.push(`components: ${components.length}`);
  for (const [i, c] of components.entries()) {
    const inputs =
      c.type === 18
        ? [c.component as Json]
        : c.type === 1
          ? ((c.components as Json[] | undefined) ?? [])
          : [];
    if (c.type === 18) {
      const label = String(c.label ?? '');
      if (label.length < 1 || label.length > 45)
        problems.push(`components[${i}].label length ${label.length}`);
      if (String(c.description ?? '').length > 100) problems.push(`components[${i}].description > 100`);
      if ((c.component as Json | undefined)?.label !== undefined)
        problems.push(`components[${i}]: a text input in a Label has no label of its own`);
    } else if (c.type !== 1) problems.push(`components[${i}].type ${String(c.type)}`);
    for (const input of inputs) {
      if (input?.type !== 4) continue;
      const inputId = String(input.custom_id ?? '');
      if (inputId.length < 1 || inputId.length > 100) problems.push(`components[${i}] text input custom_id`);
      if (input.style !== 1 && input.style !== 2) problems.push(`components[${i}] text input style`);
      const min = Number(input.min_length ?? 0);
      const max = Number(input.max_length ?? 4000);
      if (min < 0 || min > 4000 || max < 1 || max > 4000 || min > max)
        problems.push(`components[${i}] text input lengths ${min}–${max}`);
      if (input.disabled !== undefined) problems.push(`components[${i}]: disabled is not allowed in modals`);
    }
  }
  return problems;
}
