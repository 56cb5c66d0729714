// GET /api/w/:workspace/events — server-sent events: one message per task change in the workspace.
// The stream ends, with an `access` event, the moment its reader signs out (in any browser of that
// sign-in session) or is removed from the workspace, on whichever instance that happened.
//
// Each change's event id is when it was recorded. A stream opened with `?since=<ISO time>` (the
// board page passes when it read the board) or reconnected by the browser (which sends the last
// id as Last-Event-ID) first replays what was recorded after that time, so that the board catches
// up without reading itself again; more than REPLAY_LIMIT changes, or a listener that lost its
// connection, is a `gap`: the browser re-reads.
import { changesSince } from "@/lib/core/activity";
import { bus, type AccessChange, type LiveEvent } from "@/lib/core/realtime";
import { workspaceRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const REPLAY_LIMIT = 500;
/** How far back the replay reaches: a stream asking for more re-reads instead. */
const REPLAY_WINDOW_MS = 24 * 3600_000;

function replayFrom(request: Request): Date | null {
  const text = request.headers.get("last-event-id") || new URL(request.url).searchParams.get("since");
  if (!text) return null;
  const since = new Date(text);
  return Number.isNaN(since.getTime()) ? null : since;
}

export const GET = workspaceRoute("workspace.read", async (request, { scope }) => {
  await bus().ready();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const sendEvent = ({ boardId, taskId, type, actorId, version, at, card }: LiveEvent) =>
        send(`${at ? `id: ${at}\n` : ""}event: task\ndata: ${JSON.stringify({ boardId, taskId, type, actorId, version, card })}\n\n`);
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const end = () => {
        cleanup();
        try {
          controller.close();
        } catch {}
      };
      send("retry: 1000\n\n: connected\n\n");
      const unsubscribe = bus().subscribe(
        scope.workspaceId,
        (event: LiveEvent) => sendEvent(event),
        // The server may have missed changes: the browser re-reads what it shows.
        () => send("event: gap\ndata: {}\n\n"),
      );
      const unsubscribeAccess = scope.userId
        ? bus().subscribeAccess(scope.userId, (change: AccessChange) => {
            if ((change.sessionId && change.sessionId === scope.sessionId) || change.workspaceId === scope.workspaceId) {
              send(`event: access\ndata: ${JSON.stringify({ reason: change.workspaceId ? "removed" : "signed_out" })}\n\n`);
              end();
            }
          })
        : () => {};
      // After subscribing, so that nothing falls between the replay and the live events (a change
      // in both arrives twice; the browser skips versions it has).
      const since = replayFrom(request);
      if (since) {
        const gap = () => send("event: gap\ndata: {}\n\n");
        if (Date.now() - since.getTime() > REPLAY_WINDOW_MS) gap();
        else
          void changesSince(scope, since, REPLAY_LIMIT + 1)
            .then((changes) => (changes.length > REPLAY_LIMIT ? gap() : changes.forEach(sendEvent)))
            .catch(gap);
      }
      // Comments keep proxies from closing an idle stream.
      const heartbeat = setInterval(() => send(": ping\n\n"), 15_000);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribeAccess();
      };
      request.signal.addEventListener("abort", end);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
});
