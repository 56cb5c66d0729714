// The rule that only the gates mint a WorkspaceScope, tested by running ESLint on code that tries
// every way around it, placed where such code could live.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

const MINTS = /Only the gates mint a WorkspaceScope/;

describe("only the gates mint a WorkspaceScope", () => {
  const attempts: [string, string, string][] = [
    ["an alias import in a route", "app/api/evil/route.ts", `import { mintScope } from "@/lib/core/scope";\nexport const x = mintScope;`],
    ["a renamed import", "lib/board/evil.ts", `import { mintScope as make } from "@/lib/core/scope";\nexport const x = make;`],
    ["a relative import from a domain", "lib/board/evil.ts", `import { mintScope } from "../core/scope";\nexport const x = mintScope;`],
    ["a relative import inside lib/core", "lib/core/evil.ts", `import { mintScope } from "./scope";\nexport const x = mintScope;`],
    ["a relative import with the extension", "lib/core/evil.ts", `import { mintScope } from "./scope.ts";\nexport const x = mintScope;`],
    ["a deep relative import from a page", "app/(app)/w/[workspace]/evil/page.tsx", `import { mintScope } from "../../../../../lib/core/scope";\nexport default function P() { return String(mintScope); }`],
    ["a namespace import", "lib/task/evil.ts", `import * as scope from "@/lib/core/scope";\nexport const x = scope.mintScope;`],
    ["a dynamic import", "lib/task/evil.ts", `export const x = async () => (await import("@/lib/core/scope")).mintScope;`],
    ["a data file", "lib/task/data.ts", `import { mintScope } from "@/lib/core/scope";\nexport const x = mintScope;`],
    ["a mutations file", "lib/task/mutations.ts", `import { mintScope } from "../core/scope";\nexport const x = mintScope;`],
    ["a test", "lib/task/evil.test.ts", `import { mintScope } from "@/lib/core/scope";\nmintScope({} as never);`],
    ["a script", "scripts/evil.ts", `import { mintScope } from "../lib/core/scope";\nmintScope({} as never);`],
    ["an `as` cast", "lib/task/evil.ts", `import type { WorkspaceScope } from "@/lib/core/scope";\nexport const forged = { workspaceId: "other" } as unknown as WorkspaceScope;`],
    ["an angle-bracket cast", "lib/task/evil.ts", `import type { WorkspaceScope } from "@/lib/core/scope";\nexport const forged = <WorkspaceScope>(<unknown>{ workspaceId: "other" });`],
    ["a cast in a test", "lib/task/evil.test.ts", `import type { WorkspaceScope } from "@/lib/core/scope";\nexport const forged = {} as WorkspaceScope;`],
  ];

  for (const [name, file, code] of attempts) {
    it(`refuses ${name} (${file})`, async () => {
      const found = await problems(file, code);
      expect(found.some((message) => MINTS.test(message)), found.join("\n") || "no problems reported").toBe(true);
    });
  }

  it("allows the three gates, and everyone else to use the type and the checks", async () => {
    for (const gate of ["lib/auth/scope.ts", "lib/agent/gate.ts", "lib/github/gate.ts", "lib/session/gate.ts"]) {
      expect(await problems(gate, `import { mintScope } from "@/lib/core/scope";\nexport const x = mintScope;`)).toEqual([]);
    }
    expect(
      await problems("lib/task/fine.ts", `import { assertCan, type WorkspaceScope } from "@/lib/core/scope";\nexport const check = (s: WorkspaceScope) => assertCan(s, "task.write");`),
    ).toEqual([]);
  });

  it("the repository itself has no way around it (the real files lint clean of this rule)", async () => {
    const results = await eslint.lintFiles(["app", "lib", "scripts", "e2e", "prisma"]);
    const offending = results.flatMap((r) => r.messages.filter((m) => MINTS.test(m.message)).map((m) => `${path.relative(process.cwd(), r.filePath)}:${m.line} ${m.message}`));
    expect(offending).toEqual([]);
  }, 120_000);
});
