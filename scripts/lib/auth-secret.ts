// The local NEXTAUTH_SECRET, on its own so that light scripts (npm run baton) can read it without
// loading the app's modules.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./database";

/** A NEXTAUTH_SECRET kept under .data/ so that sessions survive restarts of the local app. */
export function localAuthSecret(): string {
  const file = path.join(projectRoot, ".data/nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

