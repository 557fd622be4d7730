// Which folder may import which (npm test runs it: test/guardrails/dependency-rules.test.ts).
// Product code (shared/, worker/, addin/, cli/) never imports tooling (scripts/, test/, bench/);
// shared/ imports only itself (and npm packages, never Node built-ins); worker/, addin/ and cli/
// import shared/ and themselves only; nothing imports in a cycle, neither a module nor a folder (shared/forms
// may use shared/rules, or the other way round, never both); a Worker route reaches D1 through a service.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "product-imports-no-tooling",
      comment: "shared/, worker/, addin/ and cli/ are the product: scripts/, test/ and bench/ are tooling around it",
      severity: "error",
      from: { path: "^(shared|worker|addin|cli)/" },
      to: { path: "^(scripts|test|bench)/" },
    },
    {
      name: "shared-imports-only-shared",
      comment: "the domain core knows nothing of its adapters",
      severity: "error",
      from: { path: "^shared/" },
      to: { path: "^(worker|addin|cli)/" },
    },
    {
      name: "shared-uses-no-node",
      comment: "the domain core runs in Workers, browsers and Node alike",
      severity: "error",
      from: { path: "^shared/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "adapters-import-shared-and-themselves",
      comment: "worker/, addin/ and cli/ meet only in shared/",
      severity: "error",
      from: { path: "^(worker|addin|cli)/" },
      to: { path: "^(worker|addin|cli)/", pathNot: "^$1/" },
    },
    {
      name: "no-cycles",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-folder-cycles",
      comment: "a folder is one layer: if a module of folder A imports folder B, nothing in B leads back to A",
      severity: "error",
      scope: "folder",
      from: { path: "^(shared|worker|addin|cli)/" },
      to: { circular: true },
    },
    {
      name: "routes-reach-db-through-services",
      comment: "worker/: routes → services → db; a route declares, authorises and calls a service, which alone reaches D1",
      severity: "error",
      from: { path: "^worker/routes/" },
      to: { path: "^worker/db/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs", ".json"] },
  },
};
