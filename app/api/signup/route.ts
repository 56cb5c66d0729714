// POST /api/signup — creates an account with name, email and password. Throttled per email and per
// client address like sign-in (429 with Retry-After).
import { assertAttemptAllowed, clientAddress, countAttempt } from "@/lib/auth/throttle";
import { browserRoute, json, readJson } from "@/lib/http/route";
import { signUp } from "@/lib/user/mutations";

export const POST = browserRoute(async (request) => {
  const body = await readJson(request);
  const email = typeof (body as { email?: unknown } | null)?.email === "string" ? (body as { email: string }).email : "";
  const address = clientAddress(request.headers);
  await assertAttemptAllowed("signUp", email, address);
  await countAttempt("signUp", email, address);
  const user = await signUp(body);
  return json({ user: { id: user.id, email: user.email, name: user.name } }, 201);
});
