// POST /api/signup — creates an account with name, email and password. Throttled per email and per
// client address like sign-in (429 with Retry-After).
import { assertAttemptAllowed, clientAddress, countAttempt } from "@/lib/auth/throttle";
import { parseInput } from "@/lib/core/errors";
import { browserRoute, json, readJson } from "@/lib/http/route";
import { signUp } from "@/lib/user/mutations";
import { signUpSchema } from "@/lib/user/schema";

export const POST = browserRoute(async (request) => {
  const body = await readJson(request);
  const given = (body as { email?: unknown } | null)?.email;
  // Without an email there is no account to protect and nothing can be created: the 400 comes at
  // once. Counted, every such request from anyone would share one "" email bucket, and its 429
  // would then answer other people's malformed requests instead of their 400.
  if (typeof given !== "string" || !given.trim()) parseInput(signUpSchema, body);
  const email = typeof given === "string" ? given : "";
  const address = clientAddress(request.headers);
  await assertAttemptAllowed("signUp", email, address);
  await countAttempt("signUp", email, address);
  const user = await signUp(body);
  return json({ user: { id: user.id, email: user.email, name: user.name } }, 201);
});
