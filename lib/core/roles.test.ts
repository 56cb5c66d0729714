import { describe, expect, it } from "vitest";
import { can, hasRole, PERMISSIONS, ROLES, type Permission, type Role } from "./roles";

// Written out by hand on purpose: a change to PERMISSIONS or the rank order must show up here.
const CAN: Record<Role, Record<Permission, boolean>> = {
  owner: { "workspace.read": true, "task.write": true, "board.write": true, "invitation.create": true, "workspace.settings": true, "template.write": true, "member.read": true, "member.manage": true, "review.write": true, "agent.manage": true, "agent.read": true, "agent.work": true, "metrics.read": true },
  admin: { "workspace.read": true, "task.write": true, "board.write": true, "invitation.create": true, "workspace.settings": true, "template.write": true, "member.read": true, "member.manage": true, "review.write": true, "agent.manage": true, "agent.read": true, "agent.work": true, "metrics.read": true },
  member: { "workspace.read": true, "task.write": true, "board.write": false, "invitation.create": false, "workspace.settings": false, "template.write": false, "member.read": true, "member.manage": false, "review.write": true, "agent.manage": false, "agent.read": true, "agent.work": true, "metrics.read": true },
  viewer: { "workspace.read": true, "task.write": false, "board.write": false, "invitation.create": false, "workspace.settings": false, "template.write": false, "member.read": true, "member.manage": false, "review.write": false, "agent.manage": false, "agent.read": true, "agent.work": true, "metrics.read": true },
};

const HAS_ROLE: Record<Role, Record<Role, boolean>> = {
  owner: { owner: true, admin: true, member: true, viewer: true },
  admin: { owner: false, admin: true, member: true, viewer: true },
  member: { owner: false, admin: false, member: true, viewer: true },
  viewer: { owner: false, admin: false, member: false, viewer: true },
};

const ALL_PERMISSIONS: Permission[] = ["workspace.read", "task.write", "board.write", "invitation.create", "workspace.settings", "template.write", "member.read", "member.manage", "review.write", "agent.manage", "agent.read", "agent.work", "metrics.read"];
const ALL_ROLES: Role[] = ["owner", "admin", "member", "viewer"];

describe("roles", () => {
  it("has exactly the roles and permissions that the tables below cover", () => {
    expect([...ROLES]).toEqual(ALL_ROLES);
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ALL_PERMISSIONS].sort());
  });

  it("can() grants every role × permission exactly as the table says", () => {
    const actual = Object.fromEntries(
      ALL_ROLES.map((role) => [role, Object.fromEntries(ALL_PERMISSIONS.map((permission) => [permission, can(role, permission)]))]),
    );
    expect(actual).toEqual(CAN);
  });

  it("hasRole() ranks owner > admin > member > viewer", () => {
    const actual = Object.fromEntries(
      ALL_ROLES.map((role) => [role, Object.fromEntries(ALL_ROLES.map((minimum) => [minimum, hasRole(role, minimum)]))]),
    );
    expect(actual).toEqual(HAS_ROLE);
  });
});

describe("the agent principal", () => {
  it("may only do agent work, and ranks below every member role", () => {
    const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can("agent", permission));
    expect(granted).toEqual(["agent.read", "agent.work"]);
    for (const role of ALL_ROLES) expect(hasRole("agent", role), role).toBe(false);
  });

  it("a read-only token may read its tasks and feedback, nothing else", () => {
    const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can("agent_reader", permission));
    expect(granted).toEqual(["agent.read"]);
    expect(hasRole("agent_reader", "agent")).toBe(false);
    expect(hasRole("agent", "agent_reader")).toBe(true);
  });
});
