// ESLint flat config: the recommended JavaScript and TypeScript rules over
// sources, commands, tests and benches. Formatting is Prettier's job.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
