/**
 * docs/screens.md is built by scripts/build-screens.ts from the real
 * renderers: this fails when a renderer changed and the page was not rebuilt
 * (`npx tsc -p tsconfig.json && node dist/scripts/build-screens.js`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildScreens, builderLink } from '../../scripts/build-screens.js';
import { examples } from '../../scripts/screens/examples.js';

const page = readFileSync(new URL('../../docs/screens.md', import.meta.url), 'utf8');

describe('docs/screens.md', () => {
  it('is exactly what the renderers draw today', () => {
    expect(page).toBe(buildScreens());
  });

  it.each(examples().map((e) => [e.kind, e] as const))(
    'links %s to Block Kit Builder with its exact blocks',
    (_kind, example) => {
      const link = builderLink(example);
      expect(page).toContain(`(${link})`);
      const payload = JSON.parse(decodeURIComponent(link.split('#')[1]!)) as {
        blocks: unknown[];
        type?: string;
      };
      expect(payload.blocks).toEqual(example.slack.blocks);
      if (example.kind === 'home') expect(payload.type).toBe('home');
    },
  );
});
