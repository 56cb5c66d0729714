// The setup a person pastes to link Claude Code to a Baton session: the token as an environment
// variable, and the hooks for Claude Code's settings (.claude/settings.local.json) — HTTP hooks,
// or the same as a one-line curl command for versions without them. Shared by the session view
// and the docs' example.

export const HOOK_EVENT_NAMES = ["SessionStart", "UserPromptSubmit", "Stop", "SessionEnd"] as const;

export function hooksEndpoint(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/api/v1/session-hooks`;
}

export function envLine(token: string): string {
  return `export BATON_SESSION_TOKEN=${token}`;
}

/** settings.json with an HTTP hook on each event; the token comes from the environment. */
export function httpHooksSettings(origin: string): string {
  const hook = { type: "http", url: hooksEndpoint(origin), headers: { Authorization: "Bearer $BATON_SESSION_TOKEN" }, allowedEnvVars: ["BATON_SESSION_TOKEN"], timeout: 5 };
  return JSON.stringify({ hooks: Object.fromEntries(HOOK_EVENT_NAMES.map((event) => [event, [{ hooks: [hook] }]])) }, null, 2);
}

/** The same with a command hook: Claude Code pipes the payload to curl's standard input. */
export function curlHooksSettings(origin: string): string {
  const command = `curl -sS -m 5 -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $BATON_SESSION_TOKEN" --data-binary @- ${hooksEndpoint(origin)} > /dev/null`;
  const hook = { type: "command", command };
  return JSON.stringify({ hooks: Object.fromEntries(HOOK_EVENT_NAMES.map((event) => [event, [{ hooks: [hook] }]])) }, null, 2);
}
