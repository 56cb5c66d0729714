// Integration tests for workspace settings (the readiness-gate threshold), on real PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { caught, createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { getWorkspaceSettings } from "./data";
import { updateWorkspaceSettings } from "./mutations";

let ws: TestWorkspace;
let other: TestWorkspace;
beforeAll(async () => {
  [ws, other] = await Promise.all([createTestWorkspace(), createTestWorkspace()]);
});


/** The whole workspace row, to prove that a refused write changed nothing. */
const workspaceRow = (w: TestWorkspace = ws) => db().workspace.findUniqueOrThrow({ where: { id: w.scopes.owner.workspaceId } });

describe("getWorkspaceSettings", () => {
  it("defaults the spec threshold to 70, readable by every role", async () => {
    const fresh = await createTestWorkspace();
    for (const role of ["owner", "admin", "member", "viewer"] as const) {
      expect(await getWorkspaceSettings(fresh.scopes[role])).toMatchObject({ specThreshold: 70 });
    }
  });
});

describe("updateWorkspaceSettings", () => {
  it("refuses members and viewers with forbidden and changes nothing", async () => {
    const before = await workspaceRow();
    for (const role of ["member", "viewer"] as const) {
      const error = await caught(updateWorkspaceSettings(ws.scopes[role], { specThreshold: 10 }));
      expect(error.code).toBe("forbidden");
      expect(error.status).toBe(403);
    }
    expect(await workspaceRow()).toEqual(before);
  });

  it("lets admins and owners set the threshold, including the bounds 0 and 100", async () => {
    expect(await updateWorkspaceSettings(ws.scopes.admin, { specThreshold: 55 })).toMatchObject({ specThreshold: 55 });
    expect(await getWorkspaceSettings(ws.scopes.viewer)).toMatchObject({ specThreshold: 55 });
    expect(await updateWorkspaceSettings(ws.scopes.owner, { specThreshold: 0 })).toMatchObject({ specThreshold: 0 });
    expect(await getWorkspaceSettings(ws.scopes.member)).toMatchObject({ specThreshold: 0 });
    expect(await updateWorkspaceSettings(ws.scopes.admin, { specThreshold: 100 })).toMatchObject({ specThreshold: 100 });
    expect((await workspaceRow()).specThreshold).toBe(100);
    // Only this workspace changed.
    expect(await getWorkspaceSettings(other.scopes.member)).toMatchObject({ specThreshold: 70 });
  });

  it("refuses out-of-range, fractional, non-numeric and missing thresholds with invalid/fields.specThreshold", async () => {
    await updateWorkspaceSettings(ws.scopes.owner, { specThreshold: 42 });
    const before = await workspaceRow();
    for (const specThreshold of [101, -1, 7.5, "70", null, Number.NaN, Number.POSITIVE_INFINITY, true, undefined]) {
      const error = await caught(updateWorkspaceSettings(ws.scopes.owner, { specThreshold }));
      expect(error.code, String(specThreshold)).toBe("invalid");
      expect(error.status).toBe(400);
      expect(Object.keys(error.fields ?? {}), String(specThreshold)).toEqual(["specThreshold"]);
    }
    const fraction = await caught(updateWorkspaceSettings(ws.scopes.owner, { specThreshold: 7.5 }));
    expect(fraction.fields?.specThreshold).toEqual(["Use a whole number."]);
    const tooHigh = await caught(updateWorkspaceSettings(ws.scopes.owner, { specThreshold: 101 }));
    expect(tooHigh.fields?.specThreshold).toEqual(["Use 0–100."]);
    const text = await caught(updateWorkspaceSettings(ws.scopes.owner, { specThreshold: "70" }));
    expect(text.fields?.specThreshold).toEqual(["Enter a number from 0 to 100."]);
    expect((await caught(updateWorkspaceSettings(ws.scopes.owner, {}))).fields?.specThreshold).toBeDefined();
    expect(await workspaceRow()).toEqual(before);
  });

  it("refuses unknown keys with invalid, even next to a valid threshold, and changes nothing", async () => {
    await updateWorkspaceSettings(ws.scopes.owner, { specThreshold: 33 });
    const before = await workspaceRow();
    for (const input of [
      { specThreshold: 50, name: "Renamed" },
      { specThreshold: 50, slug: "hijack" },
      { threshold: 50 },
    ]) {
      expect((await caught(updateWorkspaceSettings(ws.scopes.owner, input))).code, JSON.stringify(input)).toBe("invalid");
    }
    for (const input of [null, "50", 50, []]) {
      expect((await caught(updateWorkspaceSettings(ws.scopes.owner, input))).code, JSON.stringify(input)).toBe("invalid");
    }
    expect(await workspaceRow()).toEqual(before);
    expect(before).toMatchObject({ specThreshold: 33, slug: ws.slug });
  });
});
