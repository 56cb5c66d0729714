// Integration tests for workspace settings (the readiness-gate threshold), on real PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { caught, createTestWorkspace, raceTwo, type TestWorkspace } from "@/lib/test/fixtures";
import { getWorkspaceSettings } from "./data";
import { updateWorkspaceSettings } from "./mutations";

let ws: TestWorkspace;
let other: TestWorkspace;
beforeAll(async () => {
  [ws, other] = await Promise.all([createTestWorkspace(), createTestWorkspace()]);
});


/** The settings version in force, which every edit names. */
const version = async (w: TestWorkspace = ws) => (await getWorkspaceSettings(w.scopes.owner)).version;

/** The whole workspace row, to prove that a refused write changed nothing. */
const workspaceRow = (w: TestWorkspace = ws) => db().workspace.findUniqueOrThrow({ where: { id: w.scopes.owner.workspaceId } });

describe("getWorkspaceSettings", () => {
  it("defaults the spec threshold to 70 and the version to 1, readable by every role", async () => {
    const fresh = await createTestWorkspace();
    for (const role of ["owner", "admin", "member", "viewer"] as const) {
      expect(await getWorkspaceSettings(fresh.scopes[role])).toEqual({ specThreshold: 70, loopLimit: 2, version: 1, hasWebhookSecret: false });
    }
  });
});

describe("updateWorkspaceSettings", () => {
  it("refuses members and viewers with forbidden and changes nothing", async () => {
    const before = await workspaceRow();
    for (const role of ["member", "viewer"] as const) {
      const error = await caught(updateWorkspaceSettings(ws.scopes[role], { specThreshold: 10, version: before.settingsVersion }));
      expect(error.code).toBe("forbidden");
      expect(error.status).toBe(403);
    }
    expect(await workspaceRow()).toEqual(before);
  });

  it("lets admins and owners set the threshold, including the bounds 0 and 100", async () => {
    expect(await updateWorkspaceSettings(ws.scopes.admin, { specThreshold: 55, version: await version() })).toMatchObject({ specThreshold: 55 });
    expect(await getWorkspaceSettings(ws.scopes.viewer)).toMatchObject({ specThreshold: 55 });
    expect(await updateWorkspaceSettings(ws.scopes.owner, { specThreshold: 0, version: await version() })).toMatchObject({ specThreshold: 0 });
    expect(await getWorkspaceSettings(ws.scopes.member)).toMatchObject({ specThreshold: 0 });
    expect(await updateWorkspaceSettings(ws.scopes.admin, { specThreshold: 100, version: await version() })).toMatchObject({ specThreshold: 100 });
    expect((await workspaceRow()).specThreshold).toBe(100);
    // Only this workspace changed.
    expect(await getWorkspaceSettings(other.scopes.member)).toMatchObject({ specThreshold: 70 });
  });

  it("refuses out-of-range, fractional, non-numeric and missing thresholds with invalid/fields.specThreshold", async () => {
    await updateWorkspaceSettings(ws.scopes.owner, { specThreshold: 42, version: await version() });
    const before = await workspaceRow();
    for (const specThreshold of [101, -1, 7.5, "70", null, Number.NaN, Number.POSITIVE_INFINITY, true, undefined]) {
      const error = await caught(updateWorkspaceSettings(ws.scopes.owner, { specThreshold, version: before.settingsVersion }));
      expect(error.code, String(specThreshold)).toBe("invalid");
      expect(error.status).toBe(400);
      expect(Object.keys(error.fields ?? {}), String(specThreshold)).toEqual(["specThreshold"]);
    }
    const fraction = await caught(updateWorkspaceSettings(ws.scopes.owner, { specThreshold: 7.5, version: before.settingsVersion }));
    expect(fraction.fields?.specThreshold).toEqual(["Use a whole number."]);
    const tooHigh = await caught(updateWorkspaceSettings(ws.scopes.owner, { specThreshold: 101, version: before.settingsVersion }));
    expect(tooHigh.fields?.specThreshold).toEqual(["Use 0–100."]);
    const text = await caught(updateWorkspaceSettings(ws.scopes.owner, { specThreshold: "70", version: before.settingsVersion }));
    expect(text.fields?.specThreshold).toEqual(["Enter a number from 0 to 100."]);
    expect((await caught(updateWorkspaceSettings(ws.scopes.owner, { version: before.settingsVersion }))).fields?.specThreshold).toBeDefined();
    expect(await workspaceRow()).toEqual(before);
  });

  it("refuses unknown keys with invalid, even next to a valid threshold, and changes nothing", async () => {
    await updateWorkspaceSettings(ws.scopes.owner, { specThreshold: 33, version: await version() });
    const before = await workspaceRow();
    for (const input of [
      { specThreshold: 50, version: before.settingsVersion, name: "Renamed" },
      { specThreshold: 50, version: before.settingsVersion, slug: "hijack" },
      { specThreshold: 50, version: before.settingsVersion, settingsVersion: 99 },
      { threshold: 50, version: before.settingsVersion },
    ]) {
      expect((await caught(updateWorkspaceSettings(ws.scopes.owner, input))).code, JSON.stringify(input)).toBe("invalid");
    }
    for (const input of [null, "50", 50, []]) {
      expect((await caught(updateWorkspaceSettings(ws.scopes.owner, input))).code, JSON.stringify(input)).toBe("invalid");
    }
    expect(await workspaceRow()).toEqual(before);
    expect(before).toMatchObject({ specThreshold: 33, slug: ws.slug });
  });

  it("requires the version the edit was based on, a positive whole number", async () => {
    const before = await workspaceRow();
    for (const input of [{ specThreshold: 50 }, { specThreshold: 50, version: 0 }, { specThreshold: 50, version: 1.5 }, { specThreshold: 50, version: "1" }, { loopLimit: 1, version: null }]) {
      const error = await caught(updateWorkspaceSettings(ws.scopes.owner, input));
      expect(error.code, JSON.stringify(input)).toBe("invalid");
      expect(Object.keys(error.fields ?? {}), JSON.stringify(input)).toEqual(["version"]);
    }
    expect(await workspaceRow()).toEqual(before);
  });

  it("bumps the version on each edit and refuses a stale one with 409, the current settings and nothing changed", async () => {
    const fresh = await createTestWorkspace();
    expect(await updateWorkspaceSettings(fresh.scopes.admin, { specThreshold: 60, version: 1 })).toEqual({ specThreshold: 60, loopLimit: 2, version: 2 });
    expect(await updateWorkspaceSettings(fresh.scopes.owner, { loopLimit: 3, version: 2 })).toEqual({ specThreshold: 60, loopLimit: 3, version: 3 });
    const before = await workspaceRow(fresh);
    for (const stale of [1, 2, 4]) {
      const error = await caught(updateWorkspaceSettings(fresh.scopes.admin, { specThreshold: 10, version: stale }));
      expect(error.code).toBe("conflict");
      expect(error.status).toBe(409);
      expect(error.details).toEqual({ currentVersion: 3, current: { specThreshold: 60, loopLimit: 3, version: 3 } });
    }
    expect(await workspaceRow(fresh)).toEqual(before);
    expect(await getWorkspaceSettings(fresh.scopes.viewer)).toMatchObject({ specThreshold: 60, loopLimit: 3, version: 3 });
  });

  it("lets exactly one of two concurrent edits on one version win; the other gets 409 with the winner's version", async () => {
    const fresh = await createTestWorkspace();
    for (let round = 0; round < 5; round++) {
      const base = await getWorkspaceSettings(fresh.scopes.owner);
      const { winner, winnerIndex, loser } = await raceTwo(
        updateWorkspaceSettings(fresh.scopes.admin, { specThreshold: 40 + round, version: base.version }),
        updateWorkspaceSettings(fresh.scopes.owner, { specThreshold: 80 + round, loopLimit: round, version: base.version }),
        `round ${round}`,
      );
      expect(winner.version).toBe(base.version + 1);
      expect(winner).toEqual(winnerIndex === 0 ? { specThreshold: 40 + round, loopLimit: base.loopLimit, version: base.version + 1 } : { specThreshold: 80 + round, loopLimit: round, version: base.version + 1 });
      expect(loser.details).toEqual({ currentVersion: winner.version, current: winner });
      expect(await workspaceRow(fresh)).toMatchObject({ specThreshold: winner.specThreshold, loopLimit: winner.loopLimit, settingsVersion: winner.version });
    }
  });
});
