import { builtinModules } from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

// The layer rules of ARCHITECTURE.md: each src/ folder may import only what its role allows.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const layer = (name) => [`**/${name}`, `**/${name}/**`, `@/${name}/**`]
const forbid = (message, ...groups) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups.flat(), message }] }],
})
const forbidModules = (message, modules, ...groups) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: modules.map((name) => ({ name, message })),
      patterns: groups.length ? [{ group: groups.flat(), message }] : [],
    },
  ],
})

// A later block's no-restricted-imports replaces an earlier one's, so a stricter backend folder repeats these.
const backendRules = (...extra) => {
  const rules = forbidModules(
    'src/backend never imports electron or a shell/renderer layer.',
    ['electron', 'vue', 'pinia'],
    ...['main', 'preload', 'renderer', 'web-host', 'cli'].map(layer),
  )
  rules['no-restricted-imports'][1].patterns.push(...extra)
  return rules
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'resources/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['src/core/**'],
    rules: forbidModules(
      'src/core is pure: no Node built-ins, no Electron, no other src layer.',
      [...nodeBuiltins, 'electron', 'better-sqlite3', 'vue', 'pinia', 'pdfkit', 'node-forge'],
      ...['contract', 'backend', 'main', 'preload', 'renderer', 'web-host', 'cli', 'central'].map(layer),
    ),
  },
  {
    files: ['src/contract/**'],
    rules: forbidModules(
      'src/contract imports only src/core and the schema library.',
      [...nodeBuiltins, 'electron', 'better-sqlite3', 'vue', 'pinia', 'pdfkit', 'node-forge'],
      ...['backend', 'main', 'preload', 'renderer', 'web-host', 'cli', 'central'].map(layer),
    ),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbidModules(
      'src/renderer reaches the backend only through the injected API client (contract + core).',
      [...nodeBuiltins, 'electron', 'better-sqlite3', 'pdfkit', 'node-forge'],
      ...['backend', 'main', 'preload', 'web-host', 'cli', 'central'].map(layer),
    ),
  },
  {
    files: ['src/backend/**'],
    rules: backendRules(),
  },
  {
    // The seeder makes demo data; what runs serves real data, so its domain tables live in src/core.
    files: ['src/backend/services/**', 'src/backend/handlers/**'],
    rules: backendRules({
      group: ['**/seed', '**/seed/**'],
      message: 'Services and handlers never import the seeder: reference data lives in src/core/reference.',
    }),
  },
  {
    // The central service: core, contract and its own db helpers; never desk code or a UI.
    files: ['src/central/**'],
    rules: forbidModules(
      'src/central imports only src/core, src/contract and its own db helpers (no desk backend, shells or UI).',
      ['electron', 'better-sqlite3', 'vue', 'pinia'],
      ...['backend', 'main', 'preload', 'renderer', 'web-host', 'cli', 'portal'].map(layer),
    ),
  },
  {
    files: ['src/main/**'],
    rules: forbid(
      'src/main is the Electron shell: it wires dispatch, it does not import UI or other hosts.',
      ...['renderer', 'web-host', 'cli'].map(layer),
    ),
  },
  {
    files: ['src/preload/**'],
    rules: forbidModules(
      'src/preload exposes contract methods only: no Node, no backend.',
      nodeBuiltins,
      ...['backend', 'main', 'renderer', 'web-host', 'cli', 'core'].map(layer),
    ),
  },
  {
    files: ['src/web-host/**', 'src/cli/**'],
    rules: forbidModules(
      'Hosts and the CLI run on plain Node: no Electron, no Electron shell, no renderer code.',
      ['electron'],
      ...['main', 'preload', 'renderer'].map(layer),
    ),
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
)
