/**
 * Help generated from the command declarations, so help, validation and the
 * Discord registration never disagree.
 */
import { VENDOR_LABEL } from '../vendors/capabilities.js';
import { VENDORS } from '../vendors/types.js';
import type { CommandSpec } from './command-spec.js';
import { vendorsSupporting } from './support.js';

export function overviewText(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  const lines = commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: <action> <account> <arguments…> key=value … --dry-run',
    '',
    ...lines,
    '',
    'Quotes group words: create agora "Town hall". --dry-run shows the vendor requests without sending them.',
    'Type "help <action>" for the arguments, settings and examples of one action.',
  ].join('\n');
}

export function helpText(spec: CommandSpec): string {
  const out: string[] = [`${spec.usage}`, spec.summary, ''];
  const vendors = vendorsSupporting(spec);
  if (spec.takesAccount) {
    out.push(`Vendors: ${vendors.map((v) => VENDOR_LABEL[v]).join(', ') || 'none'}`);
    const unsupported = VENDORS.filter((v) => !vendors.includes(v));
    if (unsupported.length)
      out.push(`Not available on: ${unsupported.map((v) => VENDOR_LABEL[v]).join(', ')}`);
    out.push('');
  }
  const vendorList = spec.takesAccount ? vendors : [null];
  const positionals = new Map<string, string>();
  for (const v of vendorList)
    for (const p of spec.positionals(v))
      positionals.set(p.name, `${p.description}${p.required ? '' : ' (optional)'}`);
  if (positionals.size) {
    out.push('Arguments:');
    for (const [name, description] of positionals) out.push(`  ${name}: ${description}`);
    out.push('');
  }
  for (const v of vendorList) {
    const settings = Object.entries(spec.settings(v));
    if (!settings.length) continue;
    out.push(v ? `Settings at ${VENDOR_LABEL[v]}:` : 'Settings:');
    for (const [key, s] of settings) out.push(`  ${key}=…  ${s.description}`);
    out.push('');
  }
  out.push('Examples:');
  for (const e of spec.examples) out.push(`  ${e.text}${e.note ? `   (${e.note})` : ''}`);
  return out.join('\n').trimEnd();
}
