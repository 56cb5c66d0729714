// GET /api/w/:workspace/events — server-sent events: one message per task change in the workspace.
// The stream ends, with an `access` event, the moment its reader signs out (in any browser of that
// sign-in session) or is removed from the workspace, on whichever instance that happened.
import { bus, type AccessChange, type LiveEvent } from "@/lib/core/realtime";
import { workspaceRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = workspaceRoute("workspace.read", async (request, { scope }) => {
  await bus().ready();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
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
      const unsubscribe = bus().subscribe(scope.workspaceId, (event: LiveEvent) => {
        send(`event: task\ndata: ${JSON.stringify({ boardId: event.boardId, taskId: event.taskId, type: event.type, actorId: event.actorId, version: event.version })}\n\n`);
      });
      const unsubscribeAccess = scope.userId
        ? bus().subscribeAccess(scope.userId, (change: AccessChange) => {
            if ((change.sessionId && change.sessionId === scope.sessionId) || change.workspaceId === scope.workspaceId) {
              send(`event: access\ndata: ${JSON.stringify({ reason: change.workspaceId ? "removed" : "signed_out" })}\n\n`);
              end();
            }
          })
        : () => {};
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
