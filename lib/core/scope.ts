import { forbidden } from "./errors";
import { can, TOKEN_GRANTS, type Permission, type Principal } from "./roles";

declare const scopeBrand: unique symbol;

/**
 * Proof that the caller is a member of one workspace, with the role read from the database.
 * Only the gates mint it (lib/auth/scope.ts, lib/agent/gate.ts, lib/github/gate.ts, lib/session/gate.ts); every data function takes one and filters by its
 * workspaceId, so no query can run without a workspace the caller belongs to.
 */
export type WorkspaceScope = {
  readonly workspaceId: string;
  readonly workspaceSlug: string;
  readonly workspaceName: string;
  /** The signed-in member; null when an agent acts. */
  readonly userId: string | null;
  /** The agent behind an API token; null when a member acts. */
  readonly agentId: string | null;
  /** The member's sign-in session, which sign-out ends; null for agents and scripts. */
  readonly sessionId: string | null;
  readonly role: Principal;
  /** An API token's scopes (e.g. "metrics:read", see TOKEN_GRANTS); none for members. */
  readonly grants?: readonly string[];
} & { readonly [scopeBrand]: true };

/** For the gates only: lib/auth/scope.ts, lib/agent/gate.ts, lib/github/gate.ts and lib/session/gate.ts (lint enforces it). */
export function mintScope(fields: Omit<WorkspaceScope, typeof scopeBrand>): WorkspaceScope {
  // eslint-disable-next-line no-restricted-syntax -- the one place the brand is applied
  return Object.freeze({ ...fields }) as WorkspaceScope;
}

/** Throws 403 unless the scope's role grants the permission. Mutations call it first. */
export function assertCan(scope: WorkspaceScope, permission: Permission): void {
  const granted = TOKEN_GRANTS[permission];
  if (granted && scope.grants?.includes(granted)) return;
  if (!can(scope.role, permission)) {
    throw forbidden(
      scope.role === "viewer"
        ? "Viewers can look but not change anything in this workspace."
        : scope.role === "agent_reader"
          ? "This API token is read-only. Create a read-write token to claim tasks and submit work."
          : "Your role does not allow this.",
    );
  }
}

/** The member acting in this scope; writes that only members make use it. */
export function memberId(scope: WorkspaceScope): string {
  if (!scope.userId) throw forbidden("Only workspace members can do this.");
  return scope.userId;
}
