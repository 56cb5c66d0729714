// Demo accounts created by `npm run db:seed` (prisma/seed.ts). Shared with tests and docs so that
// everyone signs in with the same credentials. Never use these outside local/demo databases.
export const DEMO_PASSWORD = "demo-password";

export const DEMO_USERS = {
  // Owner of the Acme workspace.
  owner: { email: "owner@demo.test", name: "Olivia Owens" },
  // Member of Acme: can create and edit tasks.
  member: { email: "member@demo.test", name: "Max Mendoza" },
  // Viewer of Acme: read-only.
  viewer: { email: "viewer@demo.test", name: "Vera Vance" },
  // Admin of Acme: manages boards, agents, settings and members.
  admin: { email: "admin@demo.test", name: "Ada Adeyemi" },
  // Owner of the Globex workspace, not a member of Acme (for tenant-isolation checks).
  outsider: { email: "outsider@demo.test", name: "Oscar Ortiz" },
  // Admin and member of Globex, not of Acme: the authorization tests call Acme as each of them.
  globexAdmin: { email: "globex-admin@demo.test", name: "Gus Garcia" },
  globexMember: { email: "globex-member@demo.test", name: "Gemma Grant" },
} as const;

export type DemoUserKey = keyof typeof DEMO_USERS;
