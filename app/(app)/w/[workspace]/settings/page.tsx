import type { Metadata } from "next";
import { pageScope } from "@/lib/auth/page";
import { can } from "@/lib/core/roles";
import { InvitePanel } from "@/lib/workspace/components/invite-panel";
import { MembersPanel } from "@/lib/workspace/components/members-panel";
import { headers } from "next/headers";
import { AgentsPanel } from "@/lib/agent/components/agents-panel";
import { listAgents } from "@/lib/agent/data";
import { listTemplates } from "@/lib/spec/data";
import { DeliveryLog } from "@/lib/github/components/delivery-log";
import { GitHubPanel } from "@/lib/github/components/github-panel";
import { findGitHubConnection, listBoardLinks, listDeliveries } from "@/lib/github/data";
import { ReviewSettings } from "@/lib/review/components/review-settings";
import { unclearSpecCountsByTemplate } from "@/lib/review/data";
import { SpecSettings } from "@/lib/workspace/components/spec-settings";
import { getWorkspaceSettings, listMembers, listPendingInvitations } from "@/lib/workspace/data";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const scope = await pageScope(workspace, `/w/${workspace}/settings`);
  const canInvite = can(scope.role, "invitation.create");
  const [members, invitations, settings, templates, agents, origin, deliveries, unclear, github, boardLinks] = await Promise.all([
    listMembers(scope),
    canInvite ? listPendingInvitations(scope) : Promise.resolve([]),
    getWorkspaceSettings(scope),
    listTemplates(scope),
    listAgents(scope),
    requestOrigin(),
    listDeliveries(scope),
    unclearSpecCountsByTemplate(scope),
    findGitHubConnection(scope),
    listBoardLinks(scope),
  ]);
  return (
    <main className="mx-auto max-w-3xl space-y-8 px-4 py-8">
      <div>
        <h1 className="text-xl font-semibold">Settings</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Members, agents, spec rules and invitations of {scope.workspaceName}.</p>
      </div>
      <MembersPanel
        workspace={scope.workspaceSlug}
        workspaceName={scope.workspaceName}
        members={members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role }))}
        me={{ userId: scope.userId ?? "", role: scope.role === "agent" || scope.role === "agent_reader" ? "viewer" : scope.role }}
      />
      <AgentsPanel
        workspace={scope.workspaceSlug}
        agents={agents}
        canManage={can(scope.role, "agent.manage")}
        hasWebhookSecret={settings.hasWebhookSecret}
        origin={origin}
      />
      <SpecSettings
        workspace={scope.workspaceSlug}
        threshold={settings.specThreshold}
        settingsVersion={settings.version}
        templates={templates.filter((t) => !t.builtIn).map((t) => ({ id: t.id, name: t.name, description: t.description }))}
        canEdit={can(scope.role, "workspace.settings")}
      />
      <ReviewSettings
        workspace={scope.workspaceSlug}
        loopLimit={settings.loopLimit}
        settingsVersion={settings.version}
        canEdit={can(scope.role, "workspace.settings")}
        unclearByTemplate={templates.filter((t) => unclear[t.id]).map((t) => ({ name: t.name, count: unclear[t.id] as number }))}
      />
      <GitHubPanel workspace={scope.workspaceSlug} connection={github} boards={boardLinks} canManage={can(scope.role, "workspace.settings")} />
      <DeliveryLog deliveries={deliveries} />
      {canInvite ? (
        <InvitePanel
          workspace={scope.workspaceSlug}
          pending={invitations.map((i) => ({ id: i.id, expiresAt: i.expiresAt.toISOString(), createdBy: i.createdBy.name ?? i.createdBy.email }))}
        />
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Only owners and admins can invite people. Ask one of them for an invitation link.</p>
      )}
    </main>
  );
}

/** The origin the visitor used, for the API and webhook URLs shown on the page. */
async function requestOrigin(): Promise<string> {
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost:3000";
  const protocol = list.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${protocol}://${host}`;
}
