// "Reads check the caller's permission too": every exported read in a lib/<domain>/data.ts that
// takes a WorkspaceScope must call assertCan on it before it reads, so a scope that may not read
// (an agent's, outside the agent reads) gets 403 instead of data. Checked on the source, so a new
// read that forgets it fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
/** Building blocks that mutations call inside their own checked transactions; never routes. */
const HELPERS = new Set(["lib/task/data.ts:taskKeyWhere", "lib/task/data.ts:findTaskRow"]);

function scopedReads(): { where: string; body: string }[] {
  const found: { where: string; body: string }[] = [];
  for (const domain of readdirSync(path.join(root, "lib"))) {
    const file = path.join(root, "lib", domain, "data.ts");
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const match of source.matchAll(/export (?:async )?function (\w+)\(scope: WorkspaceScope[^]*?\{\n([^]*?)\n\}/g)) {
      found.push({ where: `lib/${domain}/data.ts:${match[1]}`, body: match[2]! });
    }
  }
  return found;
}

describe("reads check the caller's permission", () => {
  it("finds the scoped reads (the check below is not vacuous)", () => {
    expect(scopedReads().length).toBeGreaterThanOrEqual(25);
  });

  it("every scoped read calls assertCan(scope, …) first", () => {
    const missing = scopedReads()
      .filter(({ where }) => !HELPERS.has(where))
      .filter(({ body }) => !/^\s*assertCan\(scope, "[a-z.]+"\);/.test(body))
      .map(({ where }) => where);
    expect(missing).toEqual([]);
  });
});
