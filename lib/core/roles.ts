// Roles and what each may do, as plain data. The data layer checks these against the
// membership row it reads from the database on every request.
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];
/**
 * Who a scope speaks for: a member with a role, or an agent (API token, MCP, GitHub). A token made
 * read-only acts as "agent_reader": it may read its tasks and feedback, not claim or submit.
 */
export type Principal = Role | "agent" | "agent_reader";

// Agents rank below viewers: they may only do what the agent API offers.
const RANK: Record<Principal, number> = { agent_reader: -2, agent: -1, viewer: 0, member: 1, admin: 2, owner: 3 };

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
  "agent.read": "agent_reader",
  "agent.work": "agent",
  "metrics.read": "viewer",
} as const satisfies Record<string, Principal>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Permissions an API token's scope grants whatever its rank: a token made with `metrics:read`
 * may read the dashboard's figures (GET /api/v1/metrics), which agents otherwise may not.
 */
export const TOKEN_GRANTS: Partial<Record<Permission, string>> = { "metrics.read": "metrics:read" };

export function hasRole(role: Principal, minimum: Principal): boolean {
  return RANK[role] >= RANK[minimum];
}

export function can(role: Principal, permission: Permission): boolean {
  return hasRole(role, PERMISSIONS[permission]);
}
