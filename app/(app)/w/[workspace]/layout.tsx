import type { ReactNode } from "react";
import { currentUser } from "@/lib/auth/gate";
import { pageScope } from "@/lib/auth/page";
import { listBoards } from "@/lib/board/data";
import { countQueue } from "@/lib/review/data";
import { listOpenSessions } from "@/lib/session/data";
import { WorkspaceNav } from "@/lib/workspace/components/workspace-nav";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  // Signed-out visitors are redirected by the page itself, which knows the full path to return to.
  if (!(await currentUser())) return children;
  const scope = await pageScope(workspace, `/w/${workspace}`);
  const [boards, waiting, sessions] = await Promise.all([listBoards(scope), countQueue(scope), listOpenSessions(scope)]);
  return (
    <div className="flex min-h-[calc(100vh-3rem)] flex-col">
      <WorkspaceNav slug={scope.workspaceSlug} name={scope.workspaceName} role={scope.role} boards={boards.map((b) => ({ key: b.key, name: b.name }))} reviewCount={waiting} inSession={sessions.filter((s) => s.state === "active").length} />
      <div className="flex-1">{children}</div>
    </div>
  );
}
