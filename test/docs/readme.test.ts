/**
 * README documents every action with its examples, taken from commands/:
 * this fails when a command's examples change and the README does not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
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
