/**
 * Issue 9.2: layers import one way. eslint.config.js enforces it with
 * `no-restricted-imports`; this runs the real config through ESLint's Node
 * API on probe files placed in each layer, so a config change that stops the
 * rule from firing fails here (the probes are linted as text, never written).
 * The order below is the contract from docs/architecture.md, lowest first.
 */
import { posix } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ORDER: readonly (readonly string[])[] = [
  ['shared'],
  ['view'],
  ['vendors', 'store'],
  ['sandbox'],
  ['core'],
  ['commands'],
  ['render'],
  ['runtime'],
  ['platforms', 'metrics'],
  ['server'],
  ['app'],
  ['cli'],
];
const rankOf = (layer: string) => ORDER.findIndex((rank) => rank.includes(layer));
const folderOf = (layer: string) => (layer === 'commands' ? 'commands' : `src/${layer}`);
const LAYERS = ORDER.flat();

const eslint = new ESLint({ cwd: process.cwd() });

/** Lints one import written in `from`'s folder (or a sub-folder of it) that reaches into `to`. */
async function importErrors(from: string, to: string, subFolder = ''): Promise<string[]> {
  const dir = posix.join(folderOf(from), subFolder);
  const target = posix.relative(dir, `${folderOf(to)}/thing.js`);
  const code = `import type { Thing } from '${target.startsWith('.') ? target : `./${target}`}';\nexport type Probe = Thing;\n`;
  const [result] = await eslint.lintText(code, { filePath: posix.join(dir, 'layer-probe.ts') });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers import only downwards (eslint no-restricted-imports)', () => {
  const pairs = LAYERS.flatMap((from) => LAYERS.filter((to) => to !== from).map((to) => [from, to] as const));

  it.each(pairs)('%s importing %s', async (from, to) => {
    const allowed = rankOf(to) < rankOf(from);
    const errors = await importErrors(from, to);
    if (allowed) expect(errors).toEqual([]);
    else expect(errors).toEqual([expect.stringContaining(`${from} must not import`)]);
  });

  it('also from a sub-folder: src/store/migrations may not import the core', async () => {
    expect(await importErrors('store', 'core', 'migrations')).toHaveLength(1);
    expect(await importErrors('store', 'shared', 'migrations')).toEqual([]);
  });

  it('the real tree follows the rule: src/store imports nothing from src/core', async () => {
    const results = await eslint.lintFiles(['src/store/**/*.ts', 'src/shared/**/*.ts', 'src/vendors/*.ts']);
    const wrongWay = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'no-restricted-imports')
        .map((m) => `${r.filePath}: ${m.message}`),
    );
    expect(wrongWay).toEqual([]);
    expect(results.length).toBeGreaterThan(20);
  });
});
