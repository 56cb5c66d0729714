import { createHash, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { scopeForUser } from "@/lib/auth/scope";
import { db } from "@/lib/core/db";
import { caught, createTestWorkspace, type TestWorkspace } from "@/lib/test/fixtures";
import { describeInvitation, listPendingInvitations, listWorkspacesForUser } from "./data";
import { acceptInvitation, createInvitation, createWorkspace } from "./mutations";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createTestWorkspace();
});


const newUser = () => db().user.create({ data: { email: `u-${randomUUID()}@test.local`, name: "New user" } });
const uniqueSlug = () => `ws-${randomUUID().slice(0, 8)}`;
const membershipOf = (userId: string, workspaceId = ws.scopes.owner.workspaceId) =>
  db().membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { role: true } });
const invitationsOf = (workspaceId = ws.scopes.owner.workspaceId) => db().invitation.findMany({ where: { workspaceId }, orderBy: { id: "asc" } });

describe("createWorkspace", () => {
  it("makes the creator owner and creates a first board", async () => {
    const user = await newUser();
    const slug = uniqueSlug();
    const created = await createWorkspace(user.id, { name: "  Rocket Co ", slug: slug.toUpperCase() });
    expect(created).toEqual({ id: expect.any(String), slug, name: "Rocket Co", boardKey: "MAIN" });
    expect(await membershipOf(user.id, created.id)).toEqual({ role: "owner" });
    const boards = await db().board.findMany({ where: { workspaceId: created.id } });
    expect(boards.map((b) => [b.key, b.name, b.nextNumber])).toEqual([["MAIN", "Main", 1]]);
    const scope = await scopeForUser(slug, user.id, "invitation.create");
    expect(scope.role).toBe("owner");
    expect(await listWorkspacesForUser(user.id)).toEqual([
      { slug, name: "Rocket Co", role: "owner", boards: [{ key: "MAIN", name: "Main" }], memberCount: 1 },
    ]);
  });

  it("uses the given first board name and key", async () => {
    const user = await newUser();
    const created = await createWorkspace(user.id, { name: "Web", slug: uniqueSlug(), boardName: "Website", boardKey: "web" });
    expect(created.boardKey).toBe("WEB");
    expect((await db().board.findFirstOrThrow({ where: { workspaceId: created.id } })).name).toBe("Website");
  });

  it("refuses a taken slug with conflict/fields.slug and creates nothing", async () => {
    const first = await newUser();
    const second = await newUser();
    const slug = uniqueSlug();
    await createWorkspace(first.id, { name: "First", slug });
    const error = await caught(createWorkspace(second.id, { name: "Second", slug: ` ${slug.toUpperCase()} ` }));
    expect(error.code).toBe("conflict");
    expect(error.fields).toEqual({ slug: ["This URL name is taken. Choose another."] });
    expect(await db().workspace.findMany({ where: { slug }, select: { name: true } })).toEqual([{ name: "First" }]);
    expect(await db().membership.count({ where: { userId: second.id } })).toBe(0);
    // The transaction rolled back as a whole: no workspace or board named after the second attempt.
    expect(await db().workspace.count({ where: { name: "Second" } })).toBe(0);
  });

  it("refuses a reserved or malformed slug with invalid and creates nothing", async () => {
    const user = await newUser();
    const reserved = await caught(createWorkspace(user.id, { name: "Admin", slug: "admin" }));
    expect(reserved).toMatchObject({ code: "invalid", fields: { slug: ["This URL name is reserved."] } });
    const dashed = await caught(createWorkspace(user.id, { name: "Dash", slug: "-dash-" }));
    expect(Object.keys(dashed.fields ?? {})).toEqual(["slug"]);
    expect(await db().membership.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().workspace.count({ where: { slug: { in: ["admin", "-dash-", "dash"] } } })).toBe(0);
  });
});

describe("invitations", () => {
  it("refuses members and viewers with forbidden and stores nothing", async () => {
    const before = await invitationsOf();
    expect((await caught(createInvitation(ws.scopes.member))).code).toBe("forbidden");
    expect((await caught(createInvitation(ws.scopes.viewer))).code).toBe("forbidden");
    expect(await invitationsOf()).toEqual(before);
  });

  it("returns the token once to an admin and stores only its sha256", async () => {
    const before = Date.now();
    const invitation = await createInvitation(ws.scopes.admin);
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(invitation.role).toBe("member");
    const row = await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row.tokenHash).not.toBe(invitation.token);
    expect(row.tokenHash).toBe(createHash("sha256").update(invitation.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(invitation.token);
    expect(row).toMatchObject({ workspaceId: ws.scopes.owner.workspaceId, createdById: ws.users.admin.id, acceptedAt: null, role: "member" });
    const week = 7 * 24 * 60 * 60 * 1000;
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + week - 1000);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + week + 1000);
    expect(await describeInvitation(invitation.token)).toEqual({ workspace: { name: expect.any(String), slug: ws.slug }, role: "member" });
    expect((await listPendingInvitations(ws.scopes.admin)).map((i) => i.id)).toContain(invitation.id);
    // Two invitations never share a token.
    const another = await createInvitation(ws.scopes.owner);
    expect(another.token).not.toBe(invitation.token);
  });

  it("makes a new user a member, and the link then stops working", async () => {
    const { token, id } = await createInvitation(ws.scopes.admin);
    const user = await newUser();
    expect(await acceptInvitation(user.id, token)).toEqual({ slug: ws.slug });
    expect(await membershipOf(user.id)).toEqual({ role: "member" });
    await expect(scopeForUser(ws.slug, user.id, "task.write")).resolves.toMatchObject({ role: "member" });
    expect((await db().invitation.findUniqueOrThrow({ where: { id } })).acceptedAt).toBeInstanceOf(Date);
    expect(await describeInvitation(token)).toBeNull();

    const latecomer = await newUser();
    const error = await caught(acceptInvitation(latecomer.id, token));
    expect(error.code).toBe("not_found");
    expect(await membershipOf(latecomer.id)).toBeNull();
  });

  it("lets only one of two simultaneous accepts of the same link through", async () => {
    const { token } = await createInvitation(ws.scopes.admin);
    const [u1, u2] = await Promise.all([newUser(), newUser()]);
    const results = await Promise.allSettled([acceptInvitation(u1.id, token), acceptInvitation(u2.id, token)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const memberships = await Promise.all([membershipOf(u1.id), membershipOf(u2.id)]);
    expect(memberships.filter(Boolean)).toHaveLength(1);
  });

  it("keeps the role of an existing viewer who accepts", async () => {
    const { token } = await createInvitation(ws.scopes.admin);
    await acceptInvitation(ws.users.viewer.id, token);
    expect(await membershipOf(ws.users.viewer.id)).toEqual({ role: "viewer" });
    expect(await db().membership.count({ where: { userId: ws.users.viewer.id } })).toBe(1);
    expect((await caught(scopeForUser(ws.slug, ws.users.viewer.id, "task.write"))).code).toBe("forbidden");
  });

  it("refuses an expired link with not_found and adds no member", async () => {
    const { token, id } = await createInvitation(ws.scopes.admin);
    await db().invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect(await describeInvitation(token)).toBeNull();
    const user = await newUser();
    expect((await caught(acceptInvitation(user.id, token))).code).toBe("not_found");
    expect(await membershipOf(user.id)).toBeNull();
    expect((await db().invitation.findUniqueOrThrow({ where: { id } })).acceptedAt).toBeNull();
    expect((await listPendingInvitations(ws.scopes.admin)).map((i) => i.id)).not.toContain(id);
  });

  it("describeInvitation returns null for garbage and unknown tokens; acceptInvitation rejects them", async () => {
    for (const token of ["", "short", "x".repeat(200), "'; DROP TABLE invitations; --", "A".repeat(32)]) {
      expect(await describeInvitation(token), token).toBeNull();
    }
    const user = await newUser();
    expect(await caught(acceptInvitation(user.id, "not a token!"))).toMatchObject({ code: "invalid", fields: { token: ["This invitation link is not valid."] } });
    expect((await caught(acceptInvitation(user.id, "A".repeat(32)))).code).toBe("not_found");
    expect(await db().membership.count({ where: { userId: user.id } })).toBe(0);
  });
});
