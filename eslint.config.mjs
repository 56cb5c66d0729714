import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Architecture rules. Imports flow one way: app → lib/<domain> (and its components) → components/ui
// → lib/core. The database is reached only through lib/*/data.ts (or a domain's lib/*/data/ folder) and lib/*/mutations.ts (or a mutations/ folder), so every
// read and write passes the workspace scope check that lives there.
const prismaImports = {
  group: ["**/generated/prisma/**", "@prisma/*", "pg"],
  message:
    "Only lib/<domain>/data.ts and mutations.ts (and lib/core infrastructure) talk to the database, so that every query is scoped to a workspace the caller belongs to. Call a data or mutation function instead.",
};
const dbImport = {
  group: ["@/lib/core/db", "**/core/db"],
  message: "Only data.ts and mutations.ts use the database client. Call a data or mutation function instead.",
};
// A WorkspaceScope is minted only by the three gates, after they have checked the database. The
// rule catches mintScope however it is imported (alias, relative path, namespace, dynamic import),
// and any cast that would make a scope out of something else; lib/core/scope-lint.test.ts proves it.
const GATES = ["lib/auth/scope.ts", "lib/agent/gate.ts", "lib/github/gate.ts", "lib/session/gate.ts"];
const MINT_MESSAGE =
  "Only the gates mint a WorkspaceScope, after checking the database: lib/auth/scope.ts (members), lib/agent/gate.ts (API tokens), lib/github/gate.ts (signed webhooks), lib/session/gate.ts (session hook tokens).";
const scopeMinting = { group: ["@/lib/core/scope", "**/core/scope", "./scope", "../scope", "**/core/scope.ts", "./scope.ts"], importNames: ["mintScope"], message: MINT_MESSAGE };
const scopeForgery = [
  { selector: "TSAsExpression > TSTypeReference.typeAnnotation[typeName.name='WorkspaceScope']", message: `Do not cast to WorkspaceScope. ${MINT_MESSAGE}` },
  { selector: "TSTypeAssertion > TSTypeReference.typeAnnotation[typeName.name='WorkspaceScope']", message: `Do not cast to WorkspaceScope. ${MINT_MESSAGE}` },
  { selector: "ImportExpression[source.value=/(^|\\/)core\\/scope(\\.ts)?$|^\\.\\.?\\/scope(\\.ts)?$/]", message: `Import the scope module statically. ${MINT_MESSAGE}` },
];
const appImports = { group: ["@/app/*", "**/app/**"], message: "app/ is routing only: nothing imports from it. Move shared code to lib/ or components/." };

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/core/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**", "components/**", "lib/**", "e2e/**"],
    ignores: ["lib/*/data.ts", "lib/*/data/*.ts", "lib/*/mutations.ts", "lib/*/mutations/*.ts", "lib/core/**", "lib/**/*.test.ts", "lib/test/**", ...GATES],
    rules: { "no-restricted-imports": ["error", { patterns: [prismaImports, dbImport, appImports, scopeMinting] }] },
  },
  {
    // The tests' whole-database checksum reads every table directly, on purpose: it checks the app
    // from outside.
    files: ["e2e/support/db-checksum.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [appImports, scopeMinting] }] },
  },
  {
    files: GATES,
    rules: { "no-restricted-imports": ["error", { patterns: [prismaImports, dbImport, appImports] }] },
  },
  {
    files: ["lib/*/data.ts", "lib/*/data/*.ts", "lib/*/mutations.ts", "lib/*/mutations/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [appImports, scopeMinting] }] },
  },
  {
    // Everywhere, tests and scripts included: the only mintScope calls are in the gates.
    files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.js", "**/*.mjs"],
    ignores: GATES,
    rules: { "no-restricted-syntax": ["error", ...scopeForgery, { selector: "CallExpression[callee.name='mintScope']", message: MINT_MESSAGE }] },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            prismaImports,
            dbImport,
            appImports,
            {
              group: ["@/lib/*", "!@/lib/core", "@/lib/*/**", "!@/lib/core/*"],
              message: "components/ui is generic and domain-free. Domain UI belongs in lib/<domain>/components.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/core/**"],
    ignores: ["lib/core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            appImports,
            { group: ["@/lib/*", "!@/lib/core", "@/lib/*/**", "!@/lib/core/**"], message: "lib/core is the bottom layer: it must not depend on a domain." },
            { group: ["@/components/*"], message: "lib/core has no UI." },
            scopeMinting,
          ],
          paths: [],
        },
      ],
    },
  },
];

export default config;
