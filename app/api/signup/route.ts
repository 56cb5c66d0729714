// POST /api/signup — creates an account with name, email and password.
import { json, publicRoute, readJson } from "@/lib/http/route";
import { signUp } from "@/lib/user/mutations";

export const POST = publicRoute(async (request) => {
  const user = await signUp(await readJson(request));
  return json({ user: { id: user.id, email: user.email, name: user.name } }, 201);
});
