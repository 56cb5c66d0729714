// Test fixtures for integration tests: real rows in the real database, each test in its own
// workspace so that tests can run in parallel and never see each other's data.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { scopeForUser } from "@/lib/auth/scope";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import type { Role } from "@/lib/core/roles";
import type { WorkspaceScope } from "@/lib/core/scope";

export interface TestWorkspace {
  slug: string;
  boardKey: string;
  users: Record<Role, { id: string; email: string }>;
  scopes: Record<Role, WorkspaceScope>;
}

export async function createTestWorkspace(): Promise<TestWorkspace> {
  const suffix = randomUUID().slice(0, 8);
  const slug = `test-${suffix}`;
  const workspace = await db().workspace.create({ data: { name: `Test ${suffix}`, slug } });
  await db().board.create({ data: { workspaceId: workspace.id, name: "Test board", key: "TST" } });
  const roles: Role[] = ["owner", "admin", "member", "viewer"];
  const users = {} as TestWorkspace["users"];
  for (const role of roles) {
    const user = await db().user.create({ data: { email: `${role}-${suffix}@test.local`, name: `${role} ${suffix}` } });
    await db().membership.create({ data: { workspaceId: workspace.id, userId: user.id, role } });
    users[role] = { id: user.id, email: user.email };
  }
  const scopes = {} as TestWorkspace["scopes"];
  for (const role of roles) scopes[role] = await scopeForUser(slug, users[role].id);
  return { slug, boardKey: "TST", users, scopes };
}

/** The AppError a call rejects with; fails the test if it resolves or throws something else. */
export async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the call to throw");
}
