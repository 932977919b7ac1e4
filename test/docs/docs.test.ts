/**
 * The documentation newcomers read first: README stays short and correct, the
 * command reference (docs/commands.md) and README's command list are exactly
 * what commands/ makes of them (scripts/build-docs.ts), and no link between
 * the pages is broken.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { buildCommandReference, cell, readRepoFile, withCommandList } from '../../scripts/build-docs.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = readRepoFile('README.md');

function markdownFiles(folder: string): string[] {
  return readdirSync(join(repo, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Relative link targets in a Markdown file: `[text](target)`, anchors and web addresses left out. */
function relativeLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] as string)
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.split('#')[0] as string);
}

describe('README', () => {
  it('starts with the two set-up commands', () => {
    const firstCode = readme.split('```')[1] ?? '';
    expect(firstCode).toContain('npm ci && npm start');
    expect(firstCode).toContain('npm test');
  });

  it('stays under 15 KB: depth lives in docs/', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(15 * 1024);
  });

  it('lists every command, one line each, exactly as commands/ says (run `npm run docs` after changing them)', () => {
    expect(readme).toBe(withCommandList(readme));
    for (const spec of COMMANDS)
      expect(readme).toContain(`| \`${cell(spec.usage)}\` | ${cell(spec.summary)} |`);
  });

  it('names every dependency in package.json and why it is there', () => {
    const pkg = JSON.parse(readRepoFile('package.json')) as { dependencies: Record<string, string> };
    for (const name of Object.keys(pkg.dependencies)) expect(readme, name).toContain(`\`${name}\``);
  });
});

describe('docs/commands.md', () => {
  const reference = readRepoFile('docs/commands.md');

  it('is exactly what commands/ makes of it (run `npm run docs` after changing them)', () => {
    expect(reference).toBe(buildCommandReference());
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('documents %s with every example', (_name, spec) => {
    expect(reference).toContain(`\`${spec.usage}\``);
    for (const example of spec.examples) expect(reference).toContain(`/room ${example.text}`);
  });
});

describe('links', () => {
  const pages = ['README.md', ...markdownFiles('docs')];

  it.each(pages)('every relative link in %s points to a file that exists', (page) => {
    const broken = relativeLinks(readRepoFile(page)).filter(
      (target) => !existsSync(join(repo, dirname(page), target)),
    );
    expect(broken).toEqual([]);
  });

  it('README links every page in docs/ directly or through a page it links', () => {
    const reached = new Set<string>(['README.md']);
    const queue = ['README.md'];
    while (queue.length > 0) {
      const page = queue.shift() as string;
      for (const target of relativeLinks(readFileSync(join(repo, page), 'utf8'))) {
        const path = join(dirname(page), target).replace(/\/$/, '/README.md');
        if (path.endsWith('.md') && existsSync(join(repo, path)) && !reached.has(path)) {
          reached.add(path);
          queue.push(path);
        }
      }
    }
    expect(markdownFiles('docs').filter((page) => !reached.has(page))).toEqual([]);
  });
});
