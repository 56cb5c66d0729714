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

/**
 * Fires two writes at once (both already started, on the same version) and checks that exactly
 * one won and the other was refused as a conflict. Returns the winner's result, its index and the
 * loser's error.
 */
export async function raceTwo<T>(first: Promise<T>, second: Promise<T>, label = ""): Promise<{ winner: T; winnerIndex: 0 | 1; loser: AppError }> {
  const results = await Promise.allSettled([first, second]);
  const fulfilled = results.flatMap((r, i) => (r.status === "fulfilled" ? [{ value: r.value, index: i as 0 | 1 }] : []));
  const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  expect(fulfilled, `exactly one write wins ${label}`).toHaveLength(1);
  expect(rejected, `exactly one write is refused ${label}`).toHaveLength(1);
  expect(rejected[0]).toBeInstanceOf(AppError);
  const loser = rejected[0] as AppError;
  expect(loser.code, `${label}: ${loser.message}`).toBe("conflict");
  expect(loser.status).toBe(409);
  const [won] = fulfilled as [{ value: T; index: 0 | 1 }];
  return { winner: won.value, winnerIndex: won.index, loser };
}
