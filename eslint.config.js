// Lint: correctness rules only; formatting is Prettier's job (npm run check:format).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// One ignore list: .gitignore's patterns (untracked build output), as ESLint's flat-config globs.
// Every pattern there is a plain name or `*.ext`, which match anywhere in the tree in both tools.
const gitignored = readFileSync(join(import.meta.dirname, '.gitignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((pattern) => `**/${pattern}`);

export default tseslint.config(
  { ignores: [...gitignored, 'models/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a parameter or binding that is unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Starters keep the exercise's full signature for the learner to fill in.
    files: ['exercises/**/start/**'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { URL: 'readonly' } },
  },
);
