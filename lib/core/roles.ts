// Roles and what each may do, as plain data. The data layer checks these against the
// membership row it reads from the database on every request.
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];
/** Who a scope speaks for: a member with a role, or an agent (API token, MCP, GitHub). */
export type Principal = Role | "agent";

// Agents rank below viewers: they may only do what the agent API offers ("agent.work").
const RANK: Record<Principal, number> = { agent: -1, viewer: 0, member: 1, admin: 2, owner: 3 };

export const PERMISSIONS = {
  "workspace.read": "viewer",
  "task.write": "member",
  "board.write": "admin",
  "invitation.create": "admin",
  "workspace.settings": "admin",
  "template.write": "admin",
  "member.read": "viewer",
  "member.manage": "admin",
  "agent.manage": "admin",
  "review.write": "member",
  "agent.work": "agent",
} as const satisfies Record<string, Principal>;

export type Permission = keyof typeof PERMISSIONS;

export function hasRole(role: Principal, minimum: Principal): boolean {
  return RANK[role] >= RANK[minimum];
}

export function can(role: Principal, permission: Permission): boolean {
  return hasRole(role, PERMISSIONS[permission]);
}
