// Roles and what each may do, as plain data. The data layer checks these against the
// membership row it reads from the database on every request.
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export const PERMISSIONS = {
  "workspace.read": "viewer",
  "task.write": "member",
  "board.write": "admin",
  "invitation.create": "admin",
  "workspace.settings": "admin",
  "template.write": "admin",
  "member.read": "viewer",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;

export function hasRole(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export function can(role: Role, permission: Permission): boolean {
  return hasRole(role, PERMISSIONS[permission]);
}
