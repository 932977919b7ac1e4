// ESLint flat config: the recommended JavaScript and TypeScript rules over
// sources, commands, tests and benches. Formatting is Prettier's job.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layers, lowest first (docs/architecture.md): a folder may import its own
// layer and any lower one, never a higher one. Folders on one rank are peers
// that do not import each other. `npm run lint` enforces this, and
// test/lint/layers.test.ts proves the rule still fires.
const LAYERS = [
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

const folderOf = (layer) => (layer === 'commands' ? 'commands' : `src/${layer}`);

function layerRule(rank, layer) {
  const peers = LAYERS[rank].filter((other) => other !== layer);
  const forbidden = [...peers, ...LAYERS.slice(rank + 1).flat()];
  return {
    files: [`${folderOf(layer)}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // A relative import that climbs out into a forbidden layer's folder.
              regex: `^(\\.\\./)+(src/)?(${forbidden.join('|')})(/|$)`,
              message: `${layer} must not import ${forbidden.join(', ')}: layers import only downwards (docs/architecture.md).`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  ...LAYERS.flatMap((layers, rank) => layers.map((layer) => layerRule(rank, layer))),
  {
    // A command file states the story in vendor-neutral terms: vendor facts are
    // VENDOR_TRAITS / client capabilities, and account-taking commands are given
    // their account and client (AccountRunContext), so neither needs asserting.
    files: ['commands/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'BinaryExpression[operator=/^[!=]==?$/] > Literal[value=/^(iflychat|rongcloud|watchers|agora)$/]',
          message:
            'Branch on a vendor trait (src/vendors/capabilities.ts VENDOR_TRAITS), not on a vendor name.',
        },
        {
          selector: 'SwitchCase > Literal[value=/^(iflychat|rongcloud|watchers|agora)$/]',
          message:
            'Branch on a vendor trait (src/vendors/capabilities.ts VENDOR_TRAITS), not on a vendor name.',
        },
        {
          selector:
            'TSNonNullExpression > MemberExpression[object.name="ctx"][property.name=/^(client|account)$/]',
          message:
            'ctx.client and ctx.account are never null for an account-taking command: declare takesAccount: true.',
        },
      ],
    },
  },
);
