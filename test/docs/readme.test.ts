/**
 * README is assembled from docs/ and commands/ (scripts/build-readme.ts):
 * these fail when either changes and README.md was not rebuilt.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';
import { buildReadme, readRepoFile } from '../../scripts/build-readme.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('is exactly what docs/ and commands/ make of it (run `npm run readme` after changing them)', () => {
    expect(readme).toBe(buildReadme(readRepoFile));
  });

  it('starts with the two set-up commands', () => {
    const firstCode = readme.split('```')[1] ?? '';
    expect(firstCode).toContain('npm ci && npm start');
    expect(firstCode).toContain('npm test');
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('documents %s with every example', (_name, spec) => {
    expect(readme).toContain(`\`${spec.usage}\``);
    for (const example of spec.examples) expect(readme).toContain(`/room ${example.text}`);
  });
});
