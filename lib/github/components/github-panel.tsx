"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { Alert, EmptyState, Panel } from "@/components/ui/misc";
import { apiFetch } from "@/lib/http/client";
import { useFormSubmit } from "@/lib/http/use-form-submit";
import { DEFAULT_GITHUB_API_URL } from "../client-constants";
import type { GitHubConnectionView } from "../data";

interface BoardLinkRow {
  key: string;
  name: string;
  repository: string | null;
}

interface Props {
  workspace: string;
  connection: GitHubConnectionView | null;
  boards: BoardLinkRow[];
  canManage: boolean;
}

/** Settings → GitHub: the workspace's connection (API address and token) and each board's repository. */
export function GitHubPanel({ workspace, connection, boards, canManage }: Props) {
  return (
    <Panel
      title="GitHub"
      description="Connect a token so Baton can fetch pull requests' diffs and post your verdicts back as reviews, and link each board to the repository its agents open pull requests in."
    >
      {connection ? <Connected workspace={workspace} connection={connection} canManage={canManage} /> : canManage ? <ConnectForm workspace={workspace} /> : <NotConnected />}
      <h3 className="mt-6 text-sm font-semibold">Repositories</h3>
      {boards.length === 0 ? (
        <div className="mt-2">
          <EmptyState title="No boards yet">Create a board first; then link it to its repository here.</EmptyState>
        </div>
      ) : (
        <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Board repositories">
          {boards.map((board) => (
            <BoardLink key={board.key} workspace={workspace} board={board} canManage={canManage} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function NotConnected() {
  return <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Not connected. An admin can connect a GitHub token here.</p>;
}

function Connected({ workspace, connection, canManage }: { workspace: string; connection: GitHubConnectionView; canManage: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);

  async function disconnect() {
    setPending(true);
    try {
      await apiFetch(`/api/w/${workspace}/github`, { method: "DELETE" });
      toast.success("GitHub disconnected");
      setConfirming(false);
      router.refresh();
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not disconnect.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 rounded-md border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
      <span aria-hidden className="size-2 rounded-full bg-emerald-500" />
      <p className="min-w-0 flex-1">
        Connected as <span className="font-mono font-medium">{connection.login}</span> to <span className="font-mono">{connection.apiUrl}</span>
        <span className="text-zinc-600 dark:text-zinc-400">
          {" "}
          since <LocalTime iso={connection.connectedAt} />
        </span>
      </p>
      {canManage && (
        <Button size="sm" variant="secondary" onClick={() => setConfirming(true)}>
          Disconnect
        </Button>
      )}
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Disconnect GitHub?"
        description="Baton deletes the token. Boards stay linked and deliveries keep arriving, but diffs are no longer fetched and verdicts no longer reach pull requests until you connect again."
      >
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button variant="danger" disabled={pending} onClick={() => void disconnect()}>
            {pending ? "Disconnecting…" : "Disconnect"}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function ConnectForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const { onSubmit, pending, fields, error } = useFormSubmit(
    (data) => apiFetch(`/api/w/${workspace}/github`, { method: "PUT", body: { apiUrl: data.get("apiUrl"), token: data.get("token") } }),
    {
      fallbackMessage: "Could not connect.",
      onSuccess: (_result, form) => {
        form.reset();
        toast.success("GitHub connected");
        router.refresh();
      },
    },
  );
  return (
    <form onSubmit={onSubmit} method="post" className="mt-3 space-y-3" noValidate aria-label="Connect GitHub">
      <Field label="API address" error={fields.apiUrl} hint="https://api.github.com, or https://<your-host>/api/v3 for GitHub Enterprise Server.">
        {(p) => <Input {...p} name="apiUrl" type="url" defaultValue={DEFAULT_GITHUB_API_URL} required />}
      </Field>
      <Field
        label="Token"
        error={fields.token}
        hint="A fine-grained token with access to the linked repositories (pull requests: read and write; contents: read). It is stored encrypted and never shown again."
      >
        {(p) => <Input {...p} name="token" type="password" autoComplete="off" required />}
      </Field>
      {error && <Alert>{error}</Alert>}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Checking the token…" : "Connect GitHub"}
      </Button>
    </form>
  );
}

function BoardLink({ workspace, board, canManage }: { workspace: string; board: BoardLinkRow; canManage: boolean }) {
  const router = useRouter();
  const save = (repository: string | null) => apiFetch(`/api/w/${workspace}/boards/${board.key}/repository`, { method: "PUT", body: { repository } });
  const { onSubmit, pending, fields, error } = useFormSubmit((data) => save(String(data.get("repository") ?? "")), {
    fallbackMessage: "Could not link the repository.",
    onSuccess: () => {
      toast.success(`${board.key} linked`);
      router.refresh();
    },
  });

  async function unlink() {
    try {
      await save(null);
      toast.success(`${board.key} unlinked`);
      router.refresh();
    } catch (caught) {
      toast.error(caught instanceof Error ? caught.message : "Could not unlink.");
    }
  }

  return (
    <li className="py-2">
      <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-2" noValidate aria-label={`Repository of ${board.key}`}>
        <div className="w-40 truncate pt-2 text-sm">
          <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{board.key}</span> {board.name}
        </div>
        <Field label={`Repository of ${board.name}`} labelHidden error={fields.repository} className="min-w-48 flex-1">
          {(p) => <Input {...p} name="repository" placeholder="owner/name" defaultValue={board.repository ?? ""} disabled={!canManage} />}
        </Field>
        {canManage && (
          <>
            <Button type="submit" variant="secondary" disabled={pending}>
              {pending ? "Checking…" : board.repository ? "Save" : "Link"}
            </Button>
            {board.repository && (
              <Button type="button" variant="ghost" onClick={() => void unlink()} aria-label={`Unlink ${board.key} from ${board.repository}`}>
                Unlink
              </Button>
            )}
          </>
        )}
      </form>
      {error && <Alert className="mt-2">{error}</Alert>}
    </li>
  );
}
