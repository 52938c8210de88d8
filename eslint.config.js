import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

/**
 * Layer boundaries, after Signal-Desktop's file-suffix rule: the folder says
 * where code may run, and these rules keep imports from crossing.
 */
const noNodeOrUi = {
  patterns: [
    { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'], message: 'src-shared is pure TypeScript: no Node modules.' },
    { group: ['electron', 'vue', 'pinia', 'vue-router', 'better-sqlite3', 'axios', 'node-hid', 'usb', 'pkcs11js'], message: 'src-shared must not depend on a runtime.' },
    { group: ['**/src-main/**', '**/src-renderer/**', '**/src-portal/**'], message: 'src-shared imports only src-shared.' },
  ],
};

/*
 * SQL lives in two folders: the kiosk's store (src-main/store/, behind the
 * interface in store.ts) and the portal's database layer (src-portal/db/).
 * Everywhere else in src-* there is no database driver, no statement and no
 * SQL text. A regex's .exec() is not a statement, so only .exec() of a
 * string counts.
 */
const SQL_HOME = 'SQL lives only in src-main/store/ (the kiosk) and src-portal/db/ (the portal).';
const SQL_TEXT = '^\\s*(SELECT\\s|INSERT\\s+(OR\\s+\\w+\\s+)?INTO\\s|UPDATE\\s+\\w+\\s+SET\\s|DELETE\\s+FROM\\s|CREATE\\s+(TABLE|INDEX|VIRTUAL|TRIGGER|VIEW)\\s|DROP\\s+(TABLE|INDEX)\\s|ALTER\\s+TABLE\\s|PRAGMA\\s)';
const noSqlOutsideItsHome = [
  { selector: "ImportDeclaration[source.value='better-sqlite3']", message: `${SQL_HOME} Import the store's interface instead.` },
  { selector: "ImportDeclaration[source.value=/(^|\\/)store\\/(database|migrations)\\.js$/]", message: `${SQL_HOME} The database handle stays inside the store.` },
  { selector: "ImportDeclaration[source.value='kysely'] > ImportSpecifier[imported.name='sql']", message: `${SQL_HOME} Use Kysely's builder, or add the query to src-portal/db/.` },
  { selector: "CallExpression[callee.property.name=/^(prepare|pragma)$/]", message: SQL_HOME },
  { selector: "CallExpression[callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]", message: SQL_HOME },
  { selector: `Literal[value=/${SQL_TEXT}/]`, message: SQL_HOME },
  { selector: `TemplateElement[value.raw=/${SQL_TEXT}/]`, message: SQL_HOME },
];

/** The portal gateway (src-main/portal/) is the one place that speaks HTTP to the portal. */
const axiosOnlyInGateway = { group: ['axios', 'axios/*'], message: 'Only the portal gateway (src-main/portal/) may import axios.' };

/** The kiosk contract and the UI know nothing of a portal's wire format: the gateway maps between them. */
const noPortalWire = {
  group: ['**/portal-api', '**/portal-api.js', '**/portal-*-api', '**/portal-*-api.js'],
  message: 'The kiosk contract owns its schemas (src-shared/kiosk-contract/); only the host and the reference portal read the portal wire modules.',
};

const hostLayers = [
  { group: ['electron'], message: 'Only src-main/electron/ may import electron.' },
  { group: ['**/src-renderer/**', '**/src-portal/**'], message: 'The host does not import the UI or the portal.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.data/**'] },
  ...tseslint.configs.strict,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
    rules: { 'vue/max-attributes-per-line': 'off', 'vue/singleline-html-element-content-newline': 'off', 'vue/html-self-closing': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  { files: ['**/*.ts', '**/*.vue', '**/*.js'], rules: { 'no-restricted-imports': ['error', { patterns: [axiosOnlyInGateway] }] } },
  { files: ['src-shared/**'], rules: { 'no-restricted-imports': ['error', noNodeOrUi] } },
  {
    files: ['src-shared/kiosk-api.ts', 'src-shared/kiosk-contract/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noNodeOrUi.patterns, noPortalWire] }] },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src-main/**', '**/src-portal/**'], message: 'The renderer talks to the host only through the kiosk API client.' },
            { group: ['node:*', 'electron', 'better-sqlite3', 'axios', 'node-hid', 'usb', 'pkcs11js'], message: 'The renderer runs in a sandboxed page; native modules load in the main process only.' },
            noPortalWire,
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...hostLayers, axiosOnlyInGateway] }] },
  },
  { files: ['src-main/portal/**'], rules: { 'no-restricted-imports': ['error', { patterns: hostLayers }] } },
  {
    files: ['src-main/**', 'src-portal/**', 'src-shared/**', 'src-renderer/**'],
    ignores: ['src-main/store/**', 'src-portal/db/**'],
    rules: { 'no-restricted-syntax': ['error', ...noSqlOutsideItsHome] },
  },
  {
    files: ['src-portal/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src-main/**', '**/src-renderer/**', 'electron'], message: 'The portal is a separate server.' }, axiosOnlyInGateway] },
      ],
    },
  },
);
