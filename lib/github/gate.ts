import "server-only";
import { unauthenticated } from "@/lib/core/errors";
import { mintScope, type WorkspaceScope } from "@/lib/core/scope";
import { openSecret } from "@/lib/core/secrets";
import { findWorkspaceForJob, findWorkspaceForWebhook } from "./data";
import { verifySignature } from "./signature";

/** The workspace a verified delivery belongs to. */
export interface WebhookWorkspace {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

// Used when the workspace is unknown or has no secret, so that every refusal does the same work.
const NO_SECRET = "baton-no-webhook-secret-configured";

/**
 * The webhook gate: the workspace slug in the URL, and a signature of the raw body with that
 * workspace's secret. An unknown workspace, a workspace without a secret, and a missing or wrong
 * signature are the same 401, so a caller learns nothing about which it was.
 */
export async function verifyDelivery(slug: string, rawBody: string | Uint8Array, signatureHeader: string | null): Promise<{ workspace: WebhookWorkspace }> {
  const row = await findWorkspaceForWebhook(slug);
  const valid = verifySignature(rawBody, row?.webhookSecret ? openSecret(row.webhookSecret) : NO_SECRET, signatureHeader);
  if (!row || !row.webhookSecret || !valid) {
    throw unauthenticated("The webhook signature is missing or not valid for this workspace.");
  }
  return { workspace: { id: row.id, slug: row.slug, name: row.name } };
}

/**
 * The scope a GitHub delivery acts in on one task: an agent scope attributed to the task's
 * assigned agent (e.g. Copilot), or to no agent when the task has none.
 */
export function scopeForGitHub(workspace: WebhookWorkspace, agentId: string | null): WorkspaceScope {
  return mintScope({
    workspaceId: workspace.id,
    workspaceSlug: workspace.slug,
    workspaceName: workspace.name,
    userId: null,
    agentId,
    sessionId: null,
    role: "agent",
  });
}

/**
 * The scope a GitHub job acts in: a job continues a verified delivery (it was sent in the
 * delivery's transaction), so it acts as that delivery did, for the attempt's workspace and agent.
 * Null when the attempt no longer exists.
 */
export async function scopeForGitHubJob(submissionId: string): Promise<WorkspaceScope | null> {
  const row = await findWorkspaceForJob(submissionId);
  return row && scopeForGitHub(row.workspace, row.agentId);
}
