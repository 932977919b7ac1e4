/**
 * README.md is assembled from docs/ (one file per topic, each also readable on
 * its own) and from commands/ (the command reference: usage, vendors and every
 * example), so the README never drifts from either. `npm run readme` writes
 * it; test/docs/readme.test.ts fails when README.md differs from this output.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS } from '../commands/index.js';
import { vendorsSupporting } from '../src/core/support.js';
import { VENDOR_LABEL } from '../src/vendors/capabilities.js';

// scripts/ in the source tree, dist/scripts/ when built: the repository is the folder with package.json.
const here = dirname(fileURLToPath(import.meta.url));
const repo = existsSync(join(here, '..', 'package.json')) ? join(here, '..') : join(here, '..', '..');
const root = (path: string) => join(repo, path);

/** A docs file under the README's own heading: its title dropped, its headings one level down. */
function section(read: (path: string) => string, path: string, keepTitle = false): string {
  const lines = read(path).replace(/\n+$/, '').split('\n');
  if (!keepTitle && lines[0]?.startsWith('#')) lines.shift();
  let fenced = false;
  const out = lines.map((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    return !fenced && /^#{1,5} /.test(line) ? `#${line}` : line;
  });
  return `${out.join('\n').replace(/^\n+|\n+$/g, '')}\n\n`;
}

function commandReference(): string {
  return COMMANDS.map((c) => {
    const vendors = c.takesAccount
      ? ` · vendors: ${vendorsSupporting(c)
          .map((v) => VENDOR_LABEL[v])
          .join(', ')}`
      : '';
    const examples = c.examples.map((e) => `/room ${e.text}${e.note ? `      # ${e.note}` : ''}`).join('\n');
    return `### \`${c.name}\` — ${c.summary}\n\n\`${c.usage}\`${vendors}\n\n\`\`\`text\n${examples}\n\`\`\`\n\n`;
  }).join('');
}

export function buildReadme(read: (path: string) => string): string {
  const part = (name: string) => read(`docs/readme/${name}`);
  let readme = part('10-head.md');
  readme += section(read, 'docs/config.md');
  readme += '### Per vendor\n\n';
  for (const vendor of ['iflychat', 'rongcloud', 'watchers', 'agora'])
    readme += section(read, `docs/vendors/${vendor}.md`, true);
  readme += `## Access control\n\n${section(read, 'docs/access.md')}`;
  readme += `## Slack set-up\n\n${section(read, 'docs/slack.md')}`;
  readme += `## Discord set-up\n\n${section(read, 'docs/discord.md')}`;
  readme += part('40-commands-intro.md');
  readme += commandReference();
  readme += part('50-cli.md');
  readme += part('60-operations.md');
  readme += `### Storage\n\n${section(read, 'docs/store.md')}`;
  readme += part('70-architecture.md');
  readme += `## Benchmarks\n\n${section(read, 'docs/bench.md')}`;
  readme += part('90-development.md');
  // Links between docs files become links within the README.
  return readme
    .replaceAll('[access.md](access.md)', '[Access control](#access-control)')
    .replaceAll('](access.md)', '](#access-control)')
    .replaceAll('](screens.md)', '](docs/screens.md)')
    .replaceAll('see config.md', 'see [Configuring real accounts](#configuring-real-accounts)');
}

export const readRepoFile = (path: string): string => readFileSync(root(path), 'utf8');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(root('README.md'), buildReadme(readRepoFile));
  process.stdout.write('README.md written from docs/ and commands/\n');
}
