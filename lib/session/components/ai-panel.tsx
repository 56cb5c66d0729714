"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { ApiError, apiFetch } from "@/lib/http/client";
import { curlHooksSettings, envLine, httpHooksSettings } from "../ai-snippet";
import type { SessionView } from "../types";
import { sessionQueryKey } from "./use-session";

const noSubscription = () => () => {};

/**
 * Linking the coding assistant: a token made here (shown once) and Claude Code's hooks settings;
 * once linked, what it reported. Prompts and stops then show on the timeline.
 */
export function AiPanel({ workspace, session, editable }: { workspace: string; session: SessionView; editable: boolean }) {
  const queryClient = useQueryClient();
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
  const [token, setToken] = useState<string | null>(null);
  const [format, setFormat] = useState<"http" | "curl">("http");
  const [busy, setBusy] = useState(false);

  async function connect() {
    if (session.ai.tokenIssued && !window.confirm("Make a new token? The one your AI uses now stops working.")) return;
    setBusy(true);
    try {
      const made = await apiFetch<{ token: string; session: SessionView }>(`/api/w/${workspace}/sessions/${session.id}/ai-token`, { method: "POST" });
      queryClient.setQueryData(sessionQueryKey(workspace, session.id), made.session);
      setToken(made.token);
    } catch (error) {
      toast.error(error instanceof ApiError ? error.message : "Could not make a token.");
    } finally {
      setBusy(false);
    }
  }

  const settings = format === "http" ? httpHooksSettings(origin) : curlHooksSettings(origin);
  const copy = (text: string, what: string) =>
    void navigator.clipboard.writeText(text).then(
      () => toast.success(`${what} copied`),
      () => toast.error("The browser did not allow copying: select the text instead."),
    );

  return (
    <section aria-label="AI assistant" className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="text-sm font-semibold">AI assistant</h2>
      {session.ai.lastEventAt ? (
        <p className="mt-1 text-sm">
          Linked · {session.ai.prompts} {session.ai.prompts === 1 ? "prompt" : "prompts"} · {session.ai.stops} {session.ai.stops === 1 ? "turn" : "turns"} · last{" "}
          <LocalTime iso={session.ai.lastEventAt} />
        </p>
      ) : (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {session.ai.tokenIssued ? "Waiting for the first hook from your AI." : "Link Claude Code to this session: its prompts and turns then appear on the timeline."}
        </p>
      )}
      {editable && (
        <Button size="sm" className="mt-2" disabled={busy} onClick={() => void connect()}>
          {session.ai.tokenIssued ? "New token…" : "Connect Claude Code"}
        </Button>
      )}
      {token && (
        <div className="mt-3 space-y-2 text-xs">
          <p>1. In the terminal where you run Claude Code (shown once; keep it secret):</p>
          <pre aria-label="Token setup" className="overflow-x-auto rounded bg-zinc-100 p-2 font-mono dark:bg-zinc-800">
            {envLine(token)}
          </pre>
          <Button size="sm" onClick={() => copy(envLine(token), "Token line")}>
            Copy
          </Button>
          <p>
            2. Add these hooks to <code>.claude/settings.local.json</code>:{" "}
            <button type="button" className="underline" aria-pressed={format === "curl"} onClick={() => setFormat(format === "http" ? "curl" : "http")}>
              {format === "http" ? "use curl commands instead" : "use HTTP hooks instead"}
            </button>
          </p>
          <pre aria-label="Hooks settings" className="max-h-48 overflow-auto rounded bg-zinc-100 p-2 font-mono dark:bg-zinc-800">
            {settings}
          </pre>
          <Button size="sm" onClick={() => copy(settings, "Hooks settings")}>
            Copy
          </Button>
        </div>
      )}
    </section>
  );
}
