// The architecture's rules, checked in CI (npm run lint:deps). See docs/architecture.md.
// Kernel folders: shared code with one job each; they never import a capability.
const KERNEL = '(db|api|web|calendar|documents|access|mail|publication)';
// Capabilities: a folder each, with one front door (index.ts) that others may import.
const CAPABILITY =
  '(accounts|appointments|audit|directory|files|finance|follow|home|meetings|minutes|oparl|partnerships|performance|plans|reports|search|start)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles anywhere: a cycle between capabilities means one of them is in the wrong place.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'kernel-imports-no-capability',
      severity: 'error',
      comment: 'The kernel is shared by every capability, so it may not depend on one of them (nor on the demo or the composition root).',
      from: { path: `^src/${KERNEL}/` },
      to: { path: [`^src/${CAPABILITY}/`, '^src/demo/', '^src/(app|server|main|cli)\\.ts$'] },
    },
    {
      name: 'front-doors-only',
      severity: 'error',
      comment: "A capability uses another only through that one's front door (its index.ts).",
      from: { path: `^src/${CAPABILITY}/` },
      to: { path: `^src/${CAPABILITY}/`, pathNot: ['^src/$1/', `^src/${CAPABILITY}/index\\.ts$`] },
    },
    {
      name: 'demo-through-front-doors',
      severity: 'error',
      comment:
        "The demo loads its data through the capabilities' front doors. " +
        'It also writes straight through their repositories and reads their schemas and rules, as a data migration would.',
      from: { path: '^src/demo/' },
      to: { path: `^src/${CAPABILITY}/`, pathNot: `^src/${CAPABILITY}/(index|rules|[a-z-]+\\.repository|[a-z-]+\\.schemas)\\.ts$` },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|public)/|^src/web/assets/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
