"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Alert, Badge, EmptyState, Panel } from "@/components/ui/misc";
import { LocalTime } from "@/components/ui/local-time";
import { apiFetch } from "@/lib/http/client";
import { useFormSubmit } from "@/lib/http/use-form-submit";
import { AGENT_KIND_LABEL, AGENT_KINDS, type TokenAccess } from "../schema";
import type { AgentSummary } from "../types";

interface Props {
  workspace: string;
  agents: AgentSummary[];
  canManage: boolean;
  hasWebhookSecret: boolean;
  origin: string;
}

const when = (iso: string | null) => (iso ? <LocalTime iso={iso} /> : "never");

export function AgentsPanel({ workspace, agents, canManage, hasWebhookSecret, origin }: Props) {
  const router = useRouter();
  const [created, setCreated] = useState<{ agent: string; token: string; kind: string } | null>(null);
  const {
    onSubmit: register,
    pending: creating,
    fields,
  } = useFormSubmit((data) => apiFetch(`/api/w/${workspace}/agents`, { method: "POST", body: { name: data.get("name"), kind: data.get("kind") } }), {
    fallbackMessage: "Could not register the agent.",
    onError: (message) => toast.error(message),
    onSuccess: (_result, form) => {
      toast.success(`Registered ${String(new FormData(form).get("name"))}`);
      form.reset();
      router.refresh();
    },
  });

  async function createToken(agentId: string, agentName: string, access: TokenAccess = "read_write") {
    try {
      const { token } = await apiFetch<{ token: { token: string } }>(`/api/w/${workspace}/agents/${agentId}/tokens`, { method: "POST", body: { access } });
      setCreated({ agent: agentName, token: token.token, kind: { read: "read-only ", read_write: "", read_metrics: "metrics " }[access] });
      router.refresh();
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not create a token.");
    }
  }

  async function revoke(tokenId: string, prefix: string) {
    if (!window.confirm(`Revoke ${prefix}…? Agents using it are refused from their next request.`)) return;
    try {
      await apiFetch(`/api/w/${workspace}/tokens/${tokenId}`, { method: "DELETE" });
      toast.success(`Revoked ${prefix}…`);
      router.refresh();
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not revoke.");
    }
  }

  return (
    <Panel
      title="Agents"
      description={
        <>
          AI coding agents take delegate tasks through the API (<code className="font-mono text-xs">{origin}/api/v1</code>), MCP (
          <code className="font-mono text-xs">{origin}/api/mcp</code>) or pull requests that name a task key.
        </>
      }
    >
      {created && (
        <Alert tone="info" className="mt-3">
          <p className="font-medium">
            New {created.kind}token for {created.agent}: copy it now. Baton stores only a hash and cannot show it again.
          </p>
          <div className="mt-2 flex gap-2">
            <label htmlFor="new-token" className="sr-only">
              New API token
            </label>
            <Input id="new-token" readOnly value={created.token} onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
            <Button onClick={() => void navigator.clipboard?.writeText(created.token).then(() => toast.success("Token copied"))}>Copy</Button>
            <Button variant="ghost" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </Alert>
      )}
      {agents.length === 0 ? (
        <div className="mt-3">
          <EmptyState title="No agents yet">{canManage ? "Register the first agent below, then create a token for it." : "An admin can register agents."}</EmptyState>
        </div>
      ) : (
        <ul className="mt-3 space-y-3">
          {agents.map((agent) => (
            <li key={agent.id} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{agent.name}</span>
                <Badge>{AGENT_KIND_LABEL[agent.kind]}</Badge>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  {agent.taskCount} {agent.taskCount === 1 ? "task" : "tasks"}
                </span>
                {canManage && (
                  <div className="ml-auto flex gap-1.5">
                    <Button size="sm" onClick={() => void createToken(agent.id, agent.name)}>
                      Create token for {agent.name}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => void createToken(agent.id, agent.name, "read")} aria-label={`Create a read-only token for ${agent.name}`}>
                      Read-only token
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => void createToken(agent.id, agent.name, "read_metrics")}
                      aria-label={`Create a metrics token for ${agent.name}`}
                      title="Read-only, and may read the dashboard's figures (GET /api/v1/metrics): for reporting scripts"
                    >
                      Metrics token
                    </Button>
                  </div>
                )}
              </div>
              {canManage ? (
                <AgentMention workspace={workspace} agent={agent} />
              ) : (
                agent.mention && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Mentioned in GitHub reviews as {agent.mention}</p>
              )}
              {agent.tokens.length > 0 && (
                <table className="mt-2 w-full text-left text-xs">
                  <caption className="sr-only">Tokens of {agent.name}</caption>
                  <thead className="text-zinc-600 dark:text-zinc-400">
                    <tr>
                      <th className="py-1 font-medium">Token</th>
                      <th className="py-1 font-medium">Created</th>
                      <th className="py-1 font-medium">Last used</th>
                      <th className="py-1 font-medium">Status</th>
                      <th className="py-1" />
                    </tr>
                  </thead>
                  <tbody>
                    {agent.tokens.map((t) => (
                      <tr key={t.id}>
                        <td className="py-1 font-mono">
                          {t.prefix}…{t.readOnly && <span className="ml-1.5 font-sans text-zinc-600 dark:text-zinc-400">read-only{t.metrics && " · metrics"}</span>}
                        </td>
                        <td className="py-1">{when(t.createdAt)}</td>
                        <td className="py-1">{when(t.lastUsedAt)}</td>
                        <td className="py-1">{t.revokedAt ? <>revoked {when(t.revokedAt)}</> : "active"}</td>
                        <td className="py-1 text-right">
                          {canManage && !t.revokedAt && (
                            <Button size="sm" variant="ghost" onClick={() => void revoke(t.id, t.prefix)} aria-label={`Revoke ${t.prefix}`}>
                              Revoke
                            </Button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <form onSubmit={register} className="mt-4 flex flex-wrap items-end gap-2" noValidate>
          <Field label="Agent name" error={fields.name}>
            {(p) => <Input {...p} name="name" placeholder="Devin" className="w-48" />}
          </Field>
          <Field label="Kind" error={fields.kind}>
            {(p) => (
              <Select {...p} name="kind" defaultValue="custom" className="w-40">
                {AGENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {AGENT_KIND_LABEL[k]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit" variant="primary" disabled={creating}>
            {creating ? "Registering…" : "Register agent"}
          </Button>
        </form>
      )}
      {canManage && <WebhookSecret workspace={workspace} hasSecret={hasWebhookSecret} origin={origin} />}
    </Panel>
  );
}

/** The mention put at the start of the GitHub reviews Baton posts for this agent (e.g. @copilot, which acts only when mentioned). */
function AgentMention({ workspace, agent }: { workspace: string; agent: AgentSummary }) {
  const router = useRouter();
  const { onSubmit, pending, fields } = useFormSubmit(
    (data) => {
      const mention = String(data.get("mention") ?? "").trim();
      return apiFetch(`/api/w/${workspace}/agents/${agent.id}`, { method: "PATCH", body: { mention: mention || null } });
    },
    {
      fallbackMessage: "Could not save the mention.",
      onError: (message) => toast.error(message),
      onSuccess: () => {
        toast.success(`Saved the mention for ${agent.name}`);
        router.refresh();
      },
    },
  );
  return (
    <form onSubmit={onSubmit} className="mt-2 flex flex-wrap items-start gap-2" noValidate aria-label={`GitHub mention of ${agent.name}`}>
      <Field label="Mention in GitHub reviews" hint="For agents that act only when mentioned on a pull request, e.g. @copilot. Leave empty for none." error={fields.mention}>
        {(p) => <Input {...p} name="mention" defaultValue={agent.mention ?? ""} placeholder="@copilot" className="w-48" />}
      </Field>
      {/* Level with the field, below its label (the hint runs under both). */}
      <Button type="submit" size="sm" variant="secondary" disabled={pending} className="mt-6">
        {pending ? "Saving…" : "Save mention"}
      </Button>
    </form>
  );
}

function WebhookSecret({ workspace, hasSecret, origin }: { workspace: string; hasSecret: boolean; origin: string }) {
  const router = useRouter();
  const [secret, setSecret] = useState("");
  const { onSubmit: save, fields } = useFormSubmit(() => apiFetch(`/api/w/${workspace}/webhook-secret`, { method: "PUT", body: { secret } }), {
    fallbackMessage: "Could not save.",
    onError: (message) => toast.error(message),
    onSuccess: () => {
      setSecret("");
      toast.success("Webhook secret saved");
      router.refresh();
    },
  });
  return (
    <div className="mt-6 border-t border-zinc-200 pt-4 dark:border-zinc-800">
      <h3 className="text-sm font-semibold">GitHub webhook</h3>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Payload URL <code className="font-mono text-xs">{origin}/api/webhooks/github/{workspace}</code>, content type JSON, events “Pull requests”, “Check suites” and “Check runs”.
        A pull request whose branch, title or body names a task key becomes an attempt on that task. Secret: {hasSecret ? "set" : "not set yet"}.
      </p>
      <form method="post" onSubmit={save} className="mt-2 flex items-end gap-2" noValidate>
        <Field label={hasSecret ? "Replace webhook secret" : "Webhook secret"} error={fields.secret}>
          {(p) => <Input {...p} type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} className="w-72" />}
        </Field>
        <Button type="submit" disabled={secret.length === 0}>
          Save secret
        </Button>
      </form>
    </div>
  );
}
