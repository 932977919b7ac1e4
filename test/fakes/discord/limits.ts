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
