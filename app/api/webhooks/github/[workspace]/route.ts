// POST /api/webhooks/github/:workspace — GitHub deliveries signed with the workspace secret; a pull request naming a task becomes an attempt, and completed check suites and runs set its checks.
import { createHash } from "node:crypto";
import { AppError } from "@/lib/core/errors";
import { verifyDelivery } from "@/lib/github/gate";
import { handleCheckEvent, handlePullRequestEvent, recordIgnoredDelivery } from "@/lib/github/mutations";
import { SIGNATURE_HEADER } from "@/lib/github/signature";
import { json, publicRoute, readBodyBytes } from "@/lib/http/route";

const BODY_LIMIT = 5 * 1024 * 1024;
const DELIVERY_ID = /^[\x21-\x7e]{1,100}$/;
const EVENT_NAME = /^[a-z_]{1,64}$/;

export const POST = publicRoute<{ workspace: string }>(async (request, { params }) => {
  // The signature covers the exact bytes GitHub sent, so it is checked before anything is parsed.
  // Bytes, not text: the signature is checked over exactly what was sent.
  const raw = await readBodyBytes(request, BODY_LIMIT, "The delivery");
  const { workspace } = await verifyDelivery(params.workspace, raw, request.headers.get(SIGNATURE_HEADER));

  const event = request.headers.get("x-github-event")?.trim() ?? "";
  const deliveryId = request.headers.get("x-github-delivery")?.trim() ?? "";
  if (!EVENT_NAME.test(event)) throw new AppError("invalid", "Send the X-GitHub-Event header, as GitHub does.");
  if (!DELIVERY_ID.test(deliveryId)) throw new AppError("invalid", "Send the X-GitHub-Delivery header, as GitHub does.");

  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString("utf8")) as unknown;
  } catch {
    throw new AppError("invalid", "The request body is not valid JSON. Set the webhook's content type to application/json.");
  }

  if (event === "ping") return json({ ok: true });
  const delivery = { id: deliveryId, bodySha256: createHash("sha256").update(raw).digest("hex") };
  if (event === "pull_request") return json(await handlePullRequestEvent(workspace, delivery, payload));
  if (event === "check_suite" || event === "check_run") return json(await handleCheckEvent(workspace, delivery, event, payload));
  // Recorded anyway, so that a redelivery of it is recognised too.
  await recordIgnoredDelivery(workspace, delivery, event, actionOf(payload));
  return json({ ignored: true }, 202);
});

function actionOf(payload: unknown): string | null {
  if (payload && typeof payload === "object" && "action" in payload && typeof payload.action === "string") return payload.action.slice(0, 100);
  return null;
}

