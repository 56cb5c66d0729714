// Hostile input against every write route: wrong types, 10× the maximum length, prototype keys,
// privileged fields, numbers PostgreSQL cannot hold, other workspaces' ids, bytes that are not
// UTF-8, deep JSON, bodies that are not objects or not JSON, oversized bodies and hostile path
// parameters. Each case must get its exact 4xx (for a 400, naming the field), the one error shape,
// no internals, and change no row of the database (a whole-database checksum before and after:
// this file runs in the `isolated` project, alone).
//
// The cases are generated from a small table per route: its fields, their kinds, and the zod
// schemas the bounds are read from, so that a changed limit moves the cases with it.
import { expect, test } from "@playwright/test";
import type { z } from "zod";
import { agentMentionSchema, assignAgentSchema, checksSchema, createAgentSchema, createTokenSchema, SUBMISSION_BODY_LIMIT, submissionSchema, webhookSecretSchema } from "../../lib/agent/schema";
import { createBoardSchema } from "../../lib/board/schema";
import { connectGitHubSchema, linkBoardSchema } from "../../lib/github/schema";
import { ERROR_STATUS, type ErrorCode } from "../../lib/core/errors";
import { INT4_MAX } from "../../lib/core/limits";
import { DEFAULT_BODY_LIMIT, MAX_JSON_DEPTH } from "../../lib/http/body-limits";
import { CHECKLIST_IDS } from "../../lib/review/rules";
import { bulkAcceptSchema, createCommentSchema, fileViewedSchema, sessionUpdateSchema, updateCommentSchema, verdictSchema } from "../../lib/review/schema";
import { createTemplateSchema, lintRequestSchema, LINT_BODY_LIMIT, restoreRevisionSchema, saveSpecSchema, SPEC_MAX_CHARS } from "../../lib/spec/schema";
import { approachSchema, interruptSchema, noteSchema, startSessionSchema, updateApproachSchema, updateNoteSchema, updateSessionSchema } from "../../lib/session/schema";
import { createTaskSchema, moveTaskSchema, triageSchema, updateTaskSchema } from "../../lib/task/schema";
import { PASSWORD_MAX_BYTES, signUpSchema } from "../../lib/user/schema";
import { createWorkspaceSchema, workspaceSettingsSchema } from "../../lib/workspace/schema";
import { changedTables, databaseChecksums } from "../support/db-checksum";
import { agentTokens, baseURL, call, type CallResult, type Caller, FIXTURE_DIFF, fixtureBoard, freshAttempt, freshSession, freshSessionItem, freshTask } from "../support/http";
import { signInOverHttp, testAddress } from "../support/sign-in";
import { DEMO_USERS } from "../support/users";

// --- Reading bounds from the zod schemas --------------------------------------------------------

interface Inspectable {
  _zod: { def: { type: string; innerType?: Inspectable; in?: Inspectable; element?: Inspectable; checks?: { _zod: { def: { check: string; maximum?: number; minimum?: number } } }[] } };
  minLength?: number | null;
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
}

/** The schema under optional(), nullable(), default() and the input side of transforms. */
function core(schema: z.ZodType): Inspectable {
  let current = schema as unknown as Inspectable;
  for (;;) {
    const def = current._zod.def;
    const next = ["optional", "nullable", "default", "prefault", "readonly"].includes(def.type) ? def.innerType : def.type === "pipe" ? def.in : undefined;
    if (!next) return current;
    current = next;
  }
}

const finite = (value: number | null | undefined) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/** Length bounds of a string, or item-count bounds of an array. */
function lengthBounds(schema: z.ZodType): { min?: number; max?: number } {
  const inner = core(schema);
  if (inner._zod.def.type === "array") {
    const checks = inner._zod.def.checks ?? [];
    return {
      min: checks.find((c) => c._zod.def.check === "min_length")?._zod.def.minimum,
      max: checks.find((c) => c._zod.def.check === "max_length")?._zod.def.maximum,
    };
  }
  return { min: finite(inner.minLength), max: finite(inner.maxLength) };
}

function numberBounds(schema: z.ZodType): { min?: number; max?: number } {
  const inner = core(schema);
  return { min: finite(inner.minValue), max: finite(inner.maxValue) };
}

/** The element schema of an array field. */
function element(schema: z.ZodType): z.ZodType {
  const item = core(schema)._zod.def.element;
  if (!item) throw new Error("not an array schema");
  return item as unknown as z.ZodType;
}

// --- The table's vocabulary ----------------------------------------------------------------------

type Body = Record<string, unknown>;
type Kind = "string" | "enum" | "int" | "number" | "boolean" | "array" | "object";

interface Field {
  name: string;
  kind: Kind;
  /** Where the bounds come from. */
  schema: z.ZodType;
  required?: boolean;
  nullable?: boolean;
  /** For arrays: what one item is, and (for lists of fixed values) a valid one to repeat past the maximum count. */
  items?: "string" | "enum";
  validItem?: string;
  /** Another workspace's id in this field, and what it must get (a 400 names the field). */
  foreign?: { value: () => Promise<string>; status: 400 | 404 };
  /** The length a pattern allows, for strings bounded by a regex rather than a maximum. */
  patternMax?: number;
}

interface Request {
  path: string;
  body?: unknown;
  raw?: string | Uint8Array<ArrayBuffer>;
}

interface Case {
  name: string;
  status: 400 | 404 | 409 | 413 | 422;
  /** For a 400: the key `error.fields` must name. */
  field?: string;
  make: (base: { path: string; body: Body }) => Promise<Request> | Request;
}

interface Param {
  name: string;
  kind: "key" | "id" | "number" | "token";
  /** The route's path with this parameter set to `value` (already percent-encoded) and the others valid. */
  at: (value: string) => Promise<string>;
  /** Another workspace's thing in this parameter, when there is one. */
  foreign?: () => Promise<string>;
  /** Extra values for this route's parameter and what each must get. */
  extra?: { name: string; value: () => Promise<string>; status: 400 | 404 | 409; field?: string }[];
}

interface Route {
  route: string;
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  caller: Caller;
  /** A valid target: with the valid body, the write would happen, so a refusal is meaningful. */
  path: () => Promise<string>;
  /** A valid body; none for routes whose only input is the path (any body is refused there). */
  body?: () => Promise<Body>;
  fields?: Field[];
  params?: Param[];
  limit?: number;
  headers?: () => Record<string, string>;
  extra?: Case[];
}

// --- Case generators -----------------------------------------------------------------------------

/** Builds a raw JSON object text: the body's fields, with `key` set to `rawValue` as written. */
function withRaw(body: Body, key: string, rawValue: string): string {
  const rest = Object.fromEntries(Object.entries(body).filter(([name]) => name !== key));
  const inner = JSON.stringify(rest).slice(1, -1);
  return `{${inner}${inner ? "," : ""}${JSON.stringify(key)}:${rawValue}}`;
}

const bytes = (...parts: (string | number[])[]): Uint8Array<ArrayBuffer> =>
  new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : Buffer.from(part)))));

const setTo = (name: string, key: string, value: unknown, status: Case["status"] = 400, field = key): Case => ({
  name,
  status,
  field: status === 400 ? field : undefined,
  make: ({ path, body }) => ({ path, body: { ...body, [key]: value } }),
});

const rawTo = (name: string, key: string, rawValue: string, field = key): Case => ({
  name,
  status: 400,
  field,
  make: ({ path, body }) => ({ path, raw: withRaw(body, key, rawValue) }),
});

/** 400 when the body still fits the route's limit, 413 when 10× the maximum does not. */
function sizedStatus(extraBytes: number, limit: number): 400 | 413 {
  if (Math.abs(extraBytes - limit) < 4096) throw new Error(`a case of ${extraBytes} bytes is too close to the ${limit}-byte limit to have one answer`);
  return extraBytes > limit ? 413 : 400;
}

const WRONG_TYPES: Record<Kind, [string, unknown][]> = {
  string: [["a number", 42], ["an array", ["x"]], ["an object", { x: 1 }], ["a boolean", true]],
  enum: [["a number", 1], ["an array", ["x"]], ["an object", { x: 1 }], ["a boolean", false], ["a value not in the list", "sideways"]],
  int: [["a string", "1"], ["an array", [1]], ["an object", { n: 1 }], ["a boolean", true]],
  number: [["a string", "1.5"], ["an array", [1]], ["an object", { n: 1 }], ["a boolean", true]],
  boolean: [["a string", "true"], ["a number", 1], ["an array", [true]], ["an object", {}]],
  array: [["a string", "x"], ["a number", 3], ["an object", { 0: "x" }], ["a boolean", true]],
  object: [["a string", "x"], ["a number", 1], ["an array", []], ["a boolean", true]],
};

function fieldCases(field: Field, limit: number): Case[] {
  const { name } = field;
  const cases: Case[] = WRONG_TYPES[field.kind].map(([what, value]) => setTo(`${name}: ${what}`, name, value));
  if (!field.nullable) cases.push(setTo(`${name}: null`, name, null));
  if (field.required) {
    cases.push({ name: `${name}: missing`, status: 400, field: name, make: ({ path, body }) => ({ path, body: Object.fromEntries(Object.entries(body).filter(([key]) => key !== name)) }) });
  }
  if (field.foreign) {
    const { value, status } = field.foreign;
    cases.push({ name: `${name}: another workspace's id`, status, field: status === 400 ? name : undefined, make: async ({ path, body }) => ({ path, body: { ...body, [name]: await value() } }) });
  }
  switch (field.kind) {
    case "string": {
      const { min, max = field.patternMax } = lengthBounds(field.schema);
      if (max !== undefined) {
        cases.push(setTo(`${name}: 10× its maximum length (${10 * max})`, name, "x".repeat(10 * max), sizedStatus(10 * max, limit)));
        if (max + 1 < limit - 4096) cases.push(setTo(`${name}: one over its maximum length (${max + 1})`, name, "x".repeat(max + 1)));
      }
      if ((min ?? 0) >= 1) cases.push(setTo(`${name}: empty`, name, ""));
      cases.push(setTo(`${name}: a U+0000 inside`, name, "a\u0000b"));
      break;
    }
    case "enum":
      cases.push(setTo(`${name}: 10× long text`, name, "delegate".repeat(125)));
      break;
    case "int":
    case "number": {
      const { min, max } = numberBounds(field.schema);
      cases.push(rawTo(`${name}: 1e400 (Infinity in JSON)`, name, "1e400"));
      cases.push(rawTo(`${name}: -1e400 (-Infinity in JSON)`, name, "-1e400"));
      cases.push(setTo(`${name}: 2^31, beyond PostgreSQL's integer`, name, INT4_MAX + 1));
      cases.push(rawTo(`${name}: 2^53 + 1, beyond a double's integers`, name, "9007199254740993"));
      cases.push(rawTo(`${name}: a 40-digit number`, name, "1234567890123456789012345678901234567890"));
      if ((min ?? -1) >= 0) cases.push(setTo(`${name}: negative`, name, -1));
      if ((min ?? -1) >= 1) cases.push(rawTo(`${name}: -0`, name, "-0"));
      if (field.kind === "int") cases.push(setTo(`${name}: fractional`, name, (min ?? 0) + 1.5));
      if (max !== undefined && max < INT4_MAX) cases.push(setTo(`${name}: one over its maximum (${max + 1})`, name, max + 1));
      break;
    }
    case "array": {
      const { min, max } = lengthBounds(field.schema);
      const item = lengthBounds(element(field.schema));
      cases.push(setTo(`${name}: an item of the wrong type`, name, [42], 400, `${name}.0`));
      if (field.items === "enum") cases.push(setTo(`${name}: an item not in the list`, name, ["sideways"], 400, `${name}.0`));
      if (item.max !== undefined) cases.push(setTo(`${name}: an item 10× its maximum length`, name, ["x".repeat(10 * item.max)], 400, `${name}.0`));
      cases.push(setTo(`${name}: an item with a U+0000`, name, ["a\u0000b"], 400, `${name}.0`));
      const nth = (i: number) => (field.items === "enum" ? field.validItem : `item-${i}`);
      if (max !== undefined && nth(0) !== undefined) cases.push(setTo(`${name}: ${max + 1} items`, name, Array.from({ length: max + 1 }, (_, i) => nth(i)), 400, name));
      if ((min ?? 0) >= 1) cases.push(setTo(`${name}: empty`, name, []));
      break;
    }
    case "object":
      cases.push({ name: `${name}: an unknown key inside`, status: 400, field: `${name}.role`, make: ({ path, body }) => ({ path, body: { ...body, [name]: { ...(body[name] as Body), role: "owner" } } }) });
      cases.push({
        name: `${name}: __proto__ inside`,
        status: 400,
        field: `${name}.__proto__`,
        make: ({ path, body }) => ({ path, raw: withRaw(body, name, withRaw((body[name] as Body | undefined) ?? {}, "__proto__", '{"isAdmin":true}')) }),
      });
      break;
    case "boolean":
      break;
  }
  return cases;
}

const PRIVILEGED: [string, unknown][] = [
  ["workspaceId", "globex"],
  ["role", "owner"],
  ["loopCount", 0],
  ["version", 1],
  ["agentId", "cl0000000000000000000000"],
  ["userId", "cl0000000000000000000000"],
  ["createdAt", "2000-01-01T00:00:00.000Z"],
  ["deletedAt", null],
  ["tokenHash", "0".repeat(64)],
  ["isAdmin", true],
];

/** Cases every route gets for its body, whether it takes one or not. */
function bodyCases(route: Route): Case[] {
  const limit = route.limit ?? DEFAULT_BODY_LIMIT;
  const own = new Set((route.fields ?? []).map((f) => f.name));
  const textKey = route.fields?.find((f) => f.kind === "string")?.name ?? "note";
  const cases: Case[] = PRIVILEGED.filter(([key]) => !own.has(key)).map(([key, value]) => setTo(`unknown privileged field ${key}`, key, value));
  cases.push(rawTo("__proto__ key (raw JSON)", "__proto__", '{"isAdmin":true,"role":"owner"}'));
  cases.push(rawTo("constructor key (raw JSON)", "constructor", '{"prototype":{"isAdmin":true}}'));
  cases.push(rawTo("prototype key (raw JSON)", "prototype", '{"isAdmin":true}'));
  for (const [what, raw] of [["an array", "[]"], ["a string", '"x"'], ["a number", "42"], ["null", "null"]] as const) {
    cases.push({ name: `a body that is ${what}`, status: 400, field: "_", make: ({ path }) => ({ path, raw }) });
  }
  cases.push({ name: "a body that is not JSON", status: 400, field: "_", make: ({ path }) => ({ path, raw: `{"${textKey}": 'single quotes'` }) });
  cases.push({ name: "a body that is not JSON (trailing comma)", status: 400, field: "_", make: ({ path }) => ({ path, raw: `{"${textKey}":"x",}` }) });
  const utf8: [string, number[]][] = [
    ["invalid UTF-8 bytes (0xFF 0xFE)", [0xff, 0xfe]],
    ["an overlong UTF-8 encoding of /", [0xc0, 0xaf]],
    ["a UTF-8-encoded lone surrogate", [0xed, 0xa0, 0x80]],
  ];
  for (const [what, bad] of utf8) cases.push({ name: what, status: 400, field: "_", make: ({ path }) => ({ path, raw: bytes(`{"${textKey}":"ok`, bad, '"}') }) });
  const deepArrays = "[".repeat(10_000) + "]".repeat(10_000);
  const deepObjects = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);
  const justTooDeep = "[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH);
  cases.push(rawTo("10,000 nested arrays", textKey, deepArrays, "_"));
  cases.push(rawTo("10,000 nested objects", textKey, deepObjects, "_"));
  cases.push(rawTo(`${MAX_JSON_DEPTH + 1} levels of nesting, one too many`, textKey, justTooDeep, "_"));
  cases.push({ name: `a body over the ${limit}-byte limit`, status: 413, make: ({ path }) => ({ path, raw: JSON.stringify({ [textKey]: "x".repeat(limit + 1) }) }) });
  if (!route.body) cases.push(setTo("a U+0000 in any text", "note", "a\u0000b"));
  const required = route.fields?.find((f) => f.required);
  if (required) cases.push({ name: "an empty body", status: 400, field: required.name, make: ({ path }) => ({ path, raw: "" }) });
  return cases;
}

const PARAM_VALUES: Record<Param["kind"], { name: string; value: string; status: 400 | 404; field?: string}[]> = {
  key: [
    { name: "a number beyond PostgreSQL's integer (WEB-99999999999)", value: "WEB-99999999999", status: 404 },
    { name: "10× a long key", value: `WEB-${"9".repeat(196)}`, status: 404 },
    { name: "number zero (WEB-0)", value: "WEB-0", status: 404 },
    { name: "unicode digits (WEB-١)", value: "WEB-%D9%A1", status: 404 },
    { name: "SQL in the key", value: "WEB-1'%20OR%20'1'%3D'1", status: 404 },
  ],
  id: [
    { name: "10× the longest id (640 characters)", value: "c".repeat(640), status: 404 },
    { name: "unicode (emoji)", value: "%F0%9F%98%80", status: 404 },
    { name: "SQL in the id", value: "'%20OR%20'1'%3D'1", status: 404 },
    { name: "a U+0000 inside", value: "abc%00def", status: 404 },
    { name: "a space", value: "%20", status: 404 },
  ],
  number: [
    { name: "beyond PostgreSQL's integer (99999999999)", value: "99999999999", status: 404 },
    { name: "2^31", value: String(INT4_MAX + 1), status: 404 },
    { name: "exponent notation (1e0)", value: "1e0", status: 404 },
    { name: "hexadecimal (0x1)", value: "0x1", status: 404 },
    { name: "negative (-1)", value: "-1", status: 404 },
    { name: "fractional (1.5)", value: "1.5", status: 404 },
    { name: "100 digits", value: "1".repeat(100), status: 404 },
  ],
  token: [
    { name: "malformed (too short)", value: "abc", status: 400, field: "token" },
    { name: "10× the longest token (1,000 characters)", value: "A".repeat(1000), status: 400, field: "token" },
    { name: "well-formed but unknown", value: "A".repeat(32), status: 404 },
    { name: "unicode (emoji)", value: "%F0%9F%98%80".repeat(10), status: 400, field: "token" },
  ],
};

const COMMON_PARAM_VALUES = [
  { name: "path traversal (..%2F..%2F)", value: "..%2F..%2Fboards", status: 404 as const },
  { name: "%00", value: "%00", status: 404 as const },
  // Next.js answers these with a bare 500 before any route code (vercel/next.js#92557): proxy.ts answers first.
  { name: "invalid percent-encoding (%ZZ)", value: "%ZZ", status: 404 as const },
  { name: "a truncated UTF-8 sequence (%E0%A4%A)", value: "%E0%A4%A", status: 404 as const },
];

function paramCases(route: Route): Case[] {
  const cases: Case[] = [];
  for (const param of route.params ?? []) {
    const values = [...PARAM_VALUES[param.kind], ...COMMON_PARAM_VALUES.map((v) => (param.kind === "token" && v.value.startsWith("..") ? { ...v, status: 400 as const, field: "token" } : v))];
    for (const v of values as { name: string; value: string; status: 400 | 404; field?: string }[]) {
      cases.push({ name: `[${param.name}]: ${v.name}`, status: v.status, field: v.field, make: async ({ body }) => ({ path: await param.at(v.value), body }) });
    }
    if (param.foreign) {
      const foreign = param.foreign;
      cases.push({ name: `[${param.name}]: another workspace's`, status: 404, make: async ({ body }) => ({ path: await param.at(encodeURIComponent(await foreign())), body }) });
    }
    for (const extra of param.extra ?? []) {
      cases.push({ name: `[${param.name}]: ${extra.name}`, status: extra.status, field: extra.field, make: async ({ body }) => ({ path: await param.at(encodeURIComponent(await extra.value())), body }) });
    }
  }
  return cases;
}

function casesOf(route: Route): Case[] {
  const limit = route.limit ?? DEFAULT_BODY_LIMIT;
  return [...(route.fields ?? []).flatMap((field) => fieldCases(field, limit)), ...bodyCases(route), ...paramCases(route), ...(route.extra ?? [])];
}

// --- Fixtures: made through the API, before each case's first checksum ----------------------------

const once = <T>(make: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
};
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const letters = () => Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");

function ok<T>(result: CallResult, status: number, what: string): T {
  if (result.status !== status) throw new Error(`fixture ${what}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body as T;
}

const acme = (path: string) => `/api/w/acme${path}`;
const task = once(() => freshTask(`Hostile input target ${unique()}`));
const deletedTask = once(async () => {
  const deleted = await freshTask(`Hostile input deleted ${unique()}`);
  ok(await call("owner", "DELETE", acme(`/tasks/${deleted.key}`)), 200, "delete");
  return deleted;
});
const taskWithRevision = once(async () => {
  const revised = await freshTask(`Hostile input spec ${unique()}`);
  ok(await call("owner", "PUT", acme(`/tasks/${revised.key}/spec`), { markdown: "## Outcome\nThe first draft.", baseRevision: 0 }), 200, "spec");
  return revised;
});
const attempt = once(() => freshAttempt(`Hostile input attempt ${unique()}`));
const draft = once(async () => {
  const created = await call("owner", "POST", acme(`/review/attempts/${(await attempt()).submissionId}/comments`), { target: "criterion", criterion: "No reads of the flag remain.", body: "Hostile draft" });
  return ok<{ comment: { id: string } }>(created, 201, "draft").comment.id;
});
/** A verdict the owner may still undo (for a minute). */
const review = once(async () => {
  const { submissionId } = await freshAttempt(`Hostile input verdict ${unique()}`);
  return ok<{ review: { id: string } }>(await call("owner", "POST", acme(`/review/attempts/${submissionId}/verdict`), { verdict: "request_changes", summary: "To undo" }), 201, "verdict").review.id;
});
const session = once(async () => ok<{ session: { id: string } }>(await call("owner", "POST", acme("/review/sessions")), 201, "session").session.id);
const template = once(async () => ok<{ template: { id: string } }>(await call("owner", "POST", acme("/templates"), { name: `Hostile template ${unique()}`, markdown: "## Outcome\nx" }), 201, "template").template.id);
const token = once(async () => ok<{ token: { id: string } }>(await call("owner", "POST", acme(`/agents/${(await agentTokens()).agentId}/tokens`)), 201, "token").token.id);
const ownerId = once(async () => {
  const members = ok<{ members: { userId: string; email: string }[] }>(await call("owner", "GET", acme("/members")), 200, "members").members;
  return members.find((m) => m.email === DEMO_USERS.owner.email)?.userId ?? "";
});

/** Someone who joined Acme through an invitation: a removal would remove them. */
/** The settings version in force (read each time: nothing here changes it, but other files may have). */
const settingsVersion = async () => ok<{ settings: { version: number } }>(await call("owner", "GET", acme("/settings")), 200, "settings").settings.version;

const member = once(async () => {
  const email = `hostile-member-${unique()}@example.test`;
  const signUp = await call("anonymous", "POST", "/api/signup", { name: "Hostile Member", email, password: "a-long-password" }, { headers: { "x-forwarded-for": testAddress() } });
  const userId = ok<{ user: { id: string } }>(signUp, 201, "sign-up").user.id;
  const cookie = (await signInOverHttp(email, "a-long-password", { address: testAddress() })).sessionCookie ?? "";
  const invitation = ok<{ invitation: { url: string } }>(await call("owner", "POST", acme("/invitations")), 201, "invitation").invitation.url;
  const accepted = await fetch(`${baseURL}/api/invitations/${new URL(invitation).pathname.split("/").pop()}/accept`, { method: "POST", headers: { cookie, "content-type": "application/json" } });
  if (accepted.status !== 200) throw new Error(`fixture accept: ${accepted.status}`);
  return userId;
});

/** Globex's things, made by its owner (the `outsider`) and its agent. */
const globex = once(async () => {
  const { otherTaskKey } = await agentTokens();
  const assigned = ok<{ task: { agent: { id: string } | null } }>(await call("outsider", "GET", `/api/w/globex/tasks/${otherTaskKey}`), 200, "globex task").task;
  const agentId = assigned.agent?.id ?? "";
  const members = ok<{ members: { userId: string; email: string }[] }>(await call("outsider", "GET", "/api/w/globex/members"), 200, "globex members").members;
  const created = await call("outsider", "POST", "/api/w/globex/tasks", {
    boardKey: "PLT",
    title: `Globex hostile fixture ${unique()}`,
    lane: "delegate",
    status: "ready",
    overDelegationReason: "End-to-end fixture",
    gateOverrideReason: "End-to-end fixture",
  });
  const globexTask = ok<{ task: { id: string; key: string } }>(created, 201, "globex create").task;
  ok(await call("outsider", "PUT", `/api/w/globex/tasks/${globexTask.key}/agent`, { agentId }), 200, "globex assign");
  ok(await call("agent-elsewhere", "POST", `/api/v1/tasks/${globexTask.key}/claim`), 200, "globex claim");
  const submitted = await call("agent-elsewhere", "POST", `/api/v1/tasks/${globexTask.key}/submissions`, { summary: "Globex attempt", diff: FIXTURE_DIFF, checks: { status: "passed" } });
  const submissionId = ok<{ submission: { id: string } }>(submitted, 201, "globex submission").submission.id;
  const comment = ok<{ comment: { id: string } }>(
    await call("outsider", "POST", `/api/w/globex/review/attempts/${submissionId}/comments`, { target: "criterion", criterion: "Globex criterion", body: "Globex draft" }),
    201,
    "globex comment",
  ).comment.id;
  const sessionId = ok<{ session: { id: string } }>(await call("outsider", "POST", "/api/w/globex/review/sessions"), 201, "globex session").session.id;
  const reviewId = ok<{ review: { id: string } }>(
    await call("outsider", "POST", `/api/w/globex/review/attempts/${submissionId}/verdict`, { verdict: "request_changes", summary: "Globex round" }),
    201,
    "globex verdict",
  ).review.id;
  const templateId = ok<{ template: { id: string } }>(await call("outsider", "POST", "/api/w/globex/templates", { name: `Globex template ${unique()}`, markdown: "## Outcome\nx" }), 201, "globex template").template.id;
  const tokenId = ok<{ token: { id: string } }>(await call("outsider", "POST", `/api/w/globex/agents/${agentId}/tokens`), 201, "globex token").token.id;
  const invitationUrl = ok<{ invitation: { url: string } }>(await call("outsider", "POST", "/api/w/globex/invitations"), 201, "globex invitation").invitation.url;
  return {
    taskKey: globexTask.key,
    taskId: globexTask.id,
    agentId,
    userId: members.find((m) => m.email === DEMO_USERS.outsider.email)?.userId ?? "",
    submissionId,
    commentId: comment,
    sessionId,
    reviewId,
    templateId,
    tokenId,
    invitationToken: new URL(invitationUrl).pathname.split("/").pop() ?? "",
  };
});

/** Leverage sessions: the owner's own (each write route gets its own), and Globex's, for the foreign cases. */
const leverageSession = once(() => freshSession("owner"));
/** Read each time: other fixtures of the owner's pause this session (a new version). */
const leverageVersion = async () => ok<{ session: { version: number } }>(await call("owner", "GET", acme(`/sessions/${(await leverageSession()).id}`)), 200, "session").session.version;
const leverageApproach = once(() => freshSessionItem("owner", "approaches"));
const leverageNote = once(() => freshSessionItem("owner", "notes"));
const leverageTaskKey = once(async () => ok<{ task: { key: string } }>(await call("owner", "POST", acme("/tasks"), { boardKey: await fixtureBoard(), title: `Hostile session ${unique()}`, lane: "leverage" }), 201, "leverage task").task.key);
const globexSession = once(async () => {
  const created = ok<{ task: { key: string } }>(await call("outsider", "POST", "/api/w/globex/tasks", { boardKey: "PLT", title: `Globex session ${unique()}`, lane: "leverage" }), 201, "globex leverage task");
  const started = ok<{ session: { id: string } }>(await call("outsider", "POST", "/api/w/globex/sessions", { taskKey: created.task.key, previous: "pause" }), 201, "globex session");
  const withItems = ok<{ session: { approaches: { id: string }[] } }>(await call("outsider", "POST", `/api/w/globex/sessions/${started.session.id}/approaches`, { name: "Globex approach" }), 201, "globex approach");
  const withNote = ok<{ session: { notes: { id: string }[] } }>(await call("outsider", "POST", `/api/w/globex/sessions/${started.session.id}/notes`, { body: "Globex note" }), 201, "globex note");
  return { taskKey: created.task.key, sessionId: started.session.id, approachId: withItems.session.approaches[0]?.id ?? "", noteId: withNote.session.notes[0]?.id ?? "" };
});

// --- The table -----------------------------------------------------------------------------------

const keyParam = (at: (key: string) => Promise<string>): Param => ({ name: "key", kind: "key", at, foreign: async () => (await globex()).taskKey });
const idParam = (name: string, at: (id: string) => Promise<string>, foreign: () => Promise<string>, extra?: Param["extra"]): Param => ({ name, kind: "id", at, foreign, extra });

const taskFields = (shape: typeof createTaskSchema.shape | typeof updateTaskSchema.shape, required: boolean): Field[] => [
  { name: "title", kind: "string", schema: shape.title, required },
  { name: "description", kind: "string", schema: shape.description },
  { name: "lane", kind: "enum", schema: shape.lane },
  { name: "status", kind: "enum", schema: shape.status },
  { name: "ownerId", kind: "string", schema: shape.ownerId, nullable: true, foreign: { value: async () => (await globex()).userId, status: 400 } },
  { name: "labels", kind: "array", items: "string", schema: shape.labels },
  { name: "overDelegationReason", kind: "string", schema: shape.overDelegationReason },
  { name: "gateOverrideReason", kind: "string", schema: shape.gateOverrideReason },
];

const [acceptVerdict, changesVerdict, rejectVerdict] = verdictSchema.options;
const [diffComment] = createCommentSchema.options;

const ROUTES: Route[] = [
  // Account and workspace
  {
    route: "POST /api/signup",
    method: "POST",
    caller: "anonymous",
    // Sign-up is throttled per address (50 per 15 minutes): every case comes from a fresh one.
    headers: () => ({ "x-forwarded-for": testAddress() }),
    path: async () => "/api/signup",
    body: async () => ({ name: "Hostile Visitor", email: `hostile-${unique()}@example.test`, password: "a-long-password" }),
    fields: [
      { name: "name", kind: "string", schema: signUpSchema.shape.name, required: true },
      { name: "email", kind: "string", schema: signUpSchema.shape.email, required: true },
      { name: "password", kind: "string", schema: signUpSchema.shape.password, required: true, patternMax: PASSWORD_MAX_BYTES },
    ],
    extra: [setTo("email: not an email address", "email", "not-an-email"), setTo("email: empty", "email", ""), setTo("password: 19 four-byte emoji (76 bytes)", "password", "🔑".repeat(19))],
  },
  {
    route: "POST /api/workspaces",
    method: "POST",
    caller: "owner",
    path: async () => "/api/workspaces",
    body: async () => ({ name: "Hostile", slug: `hostile-${unique()}` }),
    fields: [
      { name: "name", kind: "string", schema: createWorkspaceSchema.shape.name, required: true },
      { name: "slug", kind: "string", schema: createWorkspaceSchema.shape.slug, required: true, patternMax: 40 },
      { name: "boardName", kind: "string", schema: createWorkspaceSchema.shape.boardName },
      { name: "boardKey", kind: "string", schema: createWorkspaceSchema.shape.boardKey, patternMax: 10 },
    ],
    extra: [setTo("slug: a reserved name", "slug", "api"), setTo("slug: path traversal", "slug", "../acme")],
  },
  {
    route: "POST /api/invitations/[token]/accept",
    method: "POST",
    caller: "owner",
    // Acme's owner is not in Globex: accepting its invitation would add a membership.
    path: async () => `/api/invitations/${(await globex()).invitationToken}/accept`,
    params: [{ name: "token", kind: "token", at: async (value) => `/api/invitations/${value}/accept` }],
  },

  // The agent API (bearer token)
  {
    route: "POST /api/v1/tasks/[key]/claim",
    method: "POST",
    caller: "agent",
    path: async () => `/api/v1/tasks/${(await agentTokens()).taskKey}/claim`,
    params: [
      {
        ...keyParam(async (key) => `/api/v1/tasks/${key}/claim`),
        extra: [{ name: "an Acme task not assigned to this agent", value: async () => (await task()).key, status: 404 }],
      },
    ],
  },
  {
    route: "POST /api/v1/tasks/[key]/submissions",
    method: "POST",
    caller: "agent",
    limit: SUBMISSION_BODY_LIMIT,
    path: async () => `/api/v1/tasks/${(await agentTokens()).taskKey}/submissions`,
    body: async () => ({ summary: "Hostile attempt" }),
    fields: [
      { name: "summary", kind: "string", schema: submissionSchema.shape.summary, required: true },
      { name: "prUrl", kind: "string", schema: submissionSchema.shape.prUrl },
      { name: "branch", kind: "string", schema: submissionSchema.shape.branch },
      { name: "diff", kind: "string", schema: submissionSchema.shape.diff },
      { name: "checks", kind: "object", schema: submissionSchema.shape.checks },
      { name: "durationSeconds", kind: "int", schema: submissionSchema.shape.durationSeconds },
      { name: "costUsd", kind: "number", schema: submissionSchema.shape.costUsd },
    ],
    params: [keyParam(async (key) => `/api/v1/tasks/${key}/submissions`)],
    extra: [
      setTo("prUrl: a javascript: URL", "prUrl", "javascript:alert(1)"),
      setTo("checks.status: not in the list", "checks", { status: "maybe" }, 400, "checks.status"),
      setTo("checks.url: a javascript: URL", "checks", { status: "passed", url: "javascript:alert(1)" }, 400, "checks.url"),
      setTo(`checks.log: 10× its maximum length`, "checks", { status: "passed", log: "x".repeat(10 * (lengthBounds(checksSchema.shape.log).max ?? 0)) }, 400, "checks.log"),
    ],
  },
  {
    route: "POST /api/v1/spec-lint",
    method: "POST",
    caller: "owner",
    limit: LINT_BODY_LIMIT,
    path: async () => "/api/v1/spec-lint",
    body: async () => ({ markdown: "## Outcome\nA hostile spec." }),
    fields: [{ name: "markdown", kind: "string", schema: lintRequestSchema.shape.markdown, required: true }],
  },

  // Settings: agents, tokens, boards, invitations, members, templates, webhook secret
  {
    route: "POST /api/w/[workspace]/agents",
    method: "POST",
    caller: "owner",
    path: async () => acme("/agents"),
    body: async () => ({ name: `Hostile agent ${unique()}`, kind: "custom" }),
    fields: [
      { name: "name", kind: "string", schema: createAgentSchema.shape.name, required: true },
      { name: "kind", kind: "enum", schema: createAgentSchema.shape.kind, required: true },
    ],
  },
  {
    route: "PATCH /api/w/[workspace]/agents/[id]",
    method: "PATCH",
    caller: "owner",
    path: async () => acme(`/agents/${(await agentTokens()).agentId}`),
    body: async () => ({ mention: null }),
    fields: [{ name: "mention", kind: "string", schema: agentMentionSchema.shape.mention, required: true, nullable: true, patternMax: 40 }],
    extra: [
      setTo("mention: without the @", "mention", "copilot"),
      setTo("mention: two names", "mention", "@copilot @devin"),
      setTo("mention: markdown around it", "mention", "[@copilot](javascript:alert(1))"),
    ],
    params: [idParam("id", async (id) => acme(`/agents/${id}`), async () => (await globex()).agentId)],
  },
  {
    route: "POST /api/w/[workspace]/agents/[id]/tokens",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/agents/${(await agentTokens()).agentId}/tokens`),
    body: async () => ({ access: "read" }),
    fields: [{ name: "access", kind: "enum", schema: createTokenSchema.shape.access }],
    params: [idParam("id", async (id) => acme(`/agents/${id}/tokens`), async () => (await globex()).agentId)],
  },
  {
    route: "POST /api/w/[workspace]/boards",
    method: "POST",
    caller: "owner",
    path: async () => acme("/boards"),
    body: async () => ({ name: "Hostile board", key: letters() }),
    fields: [
      { name: "name", kind: "string", schema: createBoardSchema.shape.name, required: true },
      { name: "key", kind: "string", schema: createBoardSchema.shape.key, required: true, patternMax: 10 },
    ],
    extra: [setTo("key: lowercase letters and a dash", "key", "no-dash")],
  },
  {
    route: "POST /api/w/[workspace]/invitations",
    method: "POST",
    caller: "owner",
    path: async () => acme("/invitations"),
    extra: [
      setTo("an owner's invitation (role and expiry)", "expiresAt", "2999-01-01T00:00:00.000Z"),
      setTo("an invitation for a given email", "email", "someone@example.test"),
      setTo("nested privileges", "invitation", { role: "owner" }),
    ],
  },
  {
    route: "DELETE /api/w/[workspace]/members/[userId]",
    method: "DELETE",
    caller: "owner",
    path: async () => acme(`/members/${await member()}`),
    params: [
      idParam("userId", async (id) => acme(`/members/${id}`), async () => (await globex()).userId, [
        { name: "the last owner (the caller)", value: ownerId, status: 409 },
      ]),
    ],
  },
  {
    route: "POST /api/w/[workspace]/templates",
    method: "POST",
    caller: "owner",
    limit: SPEC_MAX_CHARS * 4,
    path: async () => acme("/templates"),
    body: async () => ({ name: `Hostile template ${unique()}`, markdown: "## Outcome\nx" }),
    fields: [
      { name: "name", kind: "string", schema: createTemplateSchema.shape.name, required: true },
      { name: "description", kind: "string", schema: createTemplateSchema.shape.description },
      { name: "markdown", kind: "string", schema: createTemplateSchema.shape.markdown, required: true },
    ],
  },
  {
    route: "DELETE /api/w/[workspace]/templates/[id]",
    method: "DELETE",
    caller: "owner",
    path: async () => acme(`/templates/${await template()}`),
    params: [
      idParam("id", async (id) => acme(`/templates/${id}`), async () => (await globex()).templateId, [
        { name: "a built-in template", value: async () => "feature-flag-removal", status: 404 },
      ]),
    ],
  },
  {
    route: "DELETE /api/w/[workspace]/tokens/[id]",
    method: "DELETE",
    caller: "owner",
    path: async () => acme(`/tokens/${await token()}`),
    params: [idParam("id", async (id) => acme(`/tokens/${id}`), async () => (await globex()).tokenId)],
  },
  {
    route: "PUT /api/w/[workspace]/webhook-secret",
    method: "PUT",
    caller: "owner",
    path: async () => acme("/webhook-secret"),
    body: async () => ({ secret: "a-hostile-test-secret-0123456789" }),
    fields: [{ name: "secret", kind: "string", schema: webhookSecretSchema.shape.secret, required: true }],
  },
  {
    route: "PUT /api/w/[workspace]/github",
    method: "PUT",
    caller: "owner",
    path: async () => acme("/github"),
    // Valid, but nothing answers at the address: a hostile case must be refused before GitHub is asked.
    body: async () => ({ token: "ghp_hostile-test-token", apiUrl: "http://127.0.0.1:9" }),
    fields: [
      { name: "token", kind: "string", schema: connectGitHubSchema.shape.token, required: true },
      { name: "apiUrl", kind: "string", schema: connectGitHubSchema.shape.apiUrl },
    ],
    extra: [
      setTo("apiUrl: a javascript: address", "apiUrl", "javascript:alert(1)"),
      setTo("apiUrl: a file: address", "apiUrl", "file:///etc/passwd"),
    ],
  },
  {
    route: "DELETE /api/w/[workspace]/github",
    method: "DELETE",
    caller: "owner",
    path: async () => acme("/github"),
  },
  {
    route: "PUT /api/w/[workspace]/boards/[board]/repository",
    method: "PUT",
    caller: "owner",
    path: async () => acme("/boards/API/repository"),
    body: async () => ({ repository: null }),
    fields: [{ name: "repository", kind: "string", schema: linkBoardSchema.shape.repository, required: true, nullable: true, patternMax: 140 }],
    extra: [
      setTo("repository: path traversal", "repository", "../etc"),
      setTo("repository: a URL instead of owner/name", "repository", "https://github.com/acme/web"),
      setTo("repository: owner only", "repository", "acme"),
      setTo("repository: three parts", "repository", "acme/web/extra"),
      setTo("repository: a dot-dot name", "repository", "acme/.."),
    ],
    params: [idParam("board", async (key) => acme(`/boards/${key}/repository`), async () => "PLT")],
  },
  {
    route: "PATCH /api/w/[workspace]/settings",
    method: "PATCH",
    caller: "owner",
    path: async () => acme("/settings"),
    body: async () => ({ specThreshold: 70, version: await settingsVersion() }),
    fields: [
      { name: "specThreshold", kind: "int", schema: workspaceSettingsSchema.shape.specThreshold },
      { name: "loopLimit", kind: "int", schema: workspaceSettingsSchema.shape.loopLimit },
      { name: "version", kind: "int", schema: workspaceSettingsSchema.shape.version, required: true },
    ],
    extra: [
      { name: "neither setting", status: 400, field: "specThreshold", make: async ({ path }) => ({ path, body: { version: await settingsVersion() } }) },
      { name: "a settings version not in force", status: 409, make: ({ path, body }) => ({ path, body: { ...body, version: Number(body.version) + 1 } }) },
    ],
  },

  // Tasks
  {
    route: "POST /api/w/[workspace]/tasks",
    method: "POST",
    caller: "owner",
    path: async () => acme("/tasks"),
    body: async () => ({ boardKey: await fixtureBoard(), title: "Hostile create" }),
    fields: [
      { name: "boardKey", kind: "string", schema: createTaskSchema.shape.boardKey, required: true, foreign: { value: async () => "PLT", status: 404 } },
      ...taskFields(createTaskSchema.shape, true),
    ],
  },
  {
    route: "PATCH /api/w/[workspace]/tasks/[key]",
    method: "PATCH",
    caller: "owner",
    path: async () => acme(`/tasks/${(await task()).key}`),
    body: async () => ({ version: (await task()).version, title: "Hostile edit" }),
    fields: [{ name: "version", kind: "int", schema: updateTaskSchema.shape.version, required: true }, ...taskFields(updateTaskSchema.shape, false)],
    params: [keyParam(async (key) => acme(`/tasks/${key}`))],
  },
  {
    route: "DELETE /api/w/[workspace]/tasks/[key]",
    method: "DELETE",
    caller: "owner",
    path: async () => acme(`/tasks/${(await task()).key}`),
    params: [keyParam(async (key) => acme(`/tasks/${key}`))],
  },
  {
    route: "POST /api/w/[workspace]/tasks/[key]/restore",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/tasks/${(await deletedTask()).key}/restore`),
    params: [keyParam(async (key) => acme(`/tasks/${key}/restore`))],
  },
  {
    route: "POST /api/w/[workspace]/tasks/[key]/move",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/tasks/${(await task()).key}/move`),
    body: async () => ({ lane: "leverage", status: "ready", afterId: null }),
    // afterId is not given another workspace's card here: by design (lib/task/mutations.test.ts) a
    // card that is not in the target cell places the moved card last, and that move is allowed.
    fields: [
      { name: "lane", kind: "enum", schema: moveTaskSchema.shape.lane, required: true },
      { name: "status", kind: "enum", schema: moveTaskSchema.shape.status, required: true },
      { name: "afterId", kind: "string", schema: moveTaskSchema.shape.afterId, required: true, nullable: true },
      { name: "overDelegationReason", kind: "string", schema: moveTaskSchema.shape.overDelegationReason },
      { name: "gateOverrideReason", kind: "string", schema: moveTaskSchema.shape.gateOverrideReason },
    ],
    params: [keyParam(async (key) => acme(`/tasks/${key}/move`))],
  },
  {
    route: "PUT /api/w/[workspace]/tasks/[key]/triage",
    method: "PUT",
    caller: "owner",
    path: async () => acme(`/tasks/${(await task()).key}/triage`),
    body: async () => ({ answers: { knowWhat: true } }),
    fields: [{ name: "answers", kind: "object", schema: triageSchema.shape.answers, required: true }],
    params: [keyParam(async (key) => acme(`/tasks/${key}/triage`))],
    extra: [
      setTo("answers: an unknown question", "answers", { knowWhat: true, isEasy: true }, 400, "answers.isEasy"),
      setTo("answers: a non-boolean answer", "answers", { knowWhat: "yes" }, 400, "answers.knowWhat"),
      rawTo("answers: a constructor key", "answers", '{"constructor":true}', "answers.constructor"),
    ],
  },
  {
    route: "PUT /api/w/[workspace]/tasks/[key]/agent",
    method: "PUT",
    caller: "owner",
    path: async () => acme(`/tasks/${(await task()).key}/agent`),
    body: async () => ({ agentId: null }),
    fields: [{ name: "agentId", kind: "string", schema: assignAgentSchema.shape.agentId, required: true, nullable: true, foreign: { value: async () => (await globex()).agentId, status: 400 } }],
    params: [keyParam(async (key) => acme(`/tasks/${key}/agent`))],
  },
  {
    route: "PUT /api/w/[workspace]/tasks/[key]/spec",
    method: "PUT",
    caller: "owner",
    limit: SPEC_MAX_CHARS * 4,
    path: async () => acme(`/tasks/${(await task()).key}/spec`),
    body: async () => ({ markdown: "## Outcome\nA hostile spec.", baseRevision: 0 }),
    fields: [
      { name: "markdown", kind: "string", schema: saveSpecSchema.shape.markdown, required: true },
      { name: "baseRevision", kind: "int", schema: saveSpecSchema.shape.baseRevision, required: true },
      { name: "templateId", kind: "string", schema: saveSpecSchema.shape.templateId, foreign: { value: async () => (await globex()).templateId, status: 400 } },
    ],
    params: [keyParam(async (key) => acme(`/tasks/${key}/spec`))],
  },
  {
    route: "POST /api/w/[workspace]/tasks/[key]/spec/revisions/[number]/restore",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/tasks/${(await taskWithRevision()).key}/spec/revisions/1/restore`),
    body: async () => ({ baseRevision: 1 }),
    fields: [{ name: "baseRevision", kind: "int", schema: restoreRevisionSchema.shape.baseRevision, required: true }],
    params: [
      keyParam(async (key) => acme(`/tasks/${key}/spec/revisions/1/restore`)),
      { name: "number", kind: "number", at: async (number) => acme(`/tasks/${(await taskWithRevision()).key}/spec/revisions/${number}/restore`) },
    ],
  },

  // Batch review
  {
    route: "POST /api/w/[workspace]/review/attempts/[id]/verdict",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/review/attempts/${(await attempt()).submissionId}/verdict`),
    body: async () => ({ verdict: "request_changes", summary: "Hostile round" }),
    fields: [
      { name: "verdict", kind: "enum", schema: acceptVerdict.shape.verdict, required: true },
      { name: "summary", kind: "string", schema: changesVerdict.shape.summary, required: true },
      { name: "checklist", kind: "array", items: "enum", validItem: CHECKLIST_IDS[0], schema: changesVerdict.shape.checklist },
      { name: "sessionId", kind: "string", schema: changesVerdict.shape.sessionId, foreign: { value: async () => (await globex()).sessionId, status: 400 } },
    ],
    params: [idParam("id", async (id) => acme(`/review/attempts/${id}/verdict`), async () => (await globex()).submissionId)],
    extra: [
      { name: "reject: a reason not in the list", status: 400, field: "reason", make: ({ path }) => ({ path, body: { verdict: "reject", reason: "bored" } }) },
      {
        name: "reject: hand the task to another workspace's user",
        status: 400,
        field: "assigneeId",
        make: async ({ path }) => ({ path, body: { verdict: "reject", reason: "other", assigneeId: (await globex()).userId } }),
      },
      { name: "reject: toLeverage as text", status: 400, field: "toLeverage", make: ({ path }) => ({ path, body: { verdict: "reject", reason: "other", toLeverage: "yes" } }) },
      {
        name: `reject: assigneeId 10× its maximum length`,
        status: 400,
        field: "assigneeId",
        make: ({ path }) => ({ path, body: { verdict: "reject", reason: "other", assigneeId: "x".repeat(10 * (lengthBounds(rejectVerdict.shape.assigneeId).max ?? 0)) } }),
      },
      { name: "accept: an unknown field", status: 400, field: "loopLimit", make: ({ path }) => ({ path, body: { verdict: "accept", checklist: [...CHECKLIST_IDS], loopLimit: 99 } }) },
    ],
  },
  {
    route: "POST /api/w/[workspace]/review/attempts/[id]/comments",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/review/attempts/${(await attempt()).submissionId}/comments`),
    body: async () => ({ target: "diff", path: "src/config/flags.ts", side: "old", line: 11, body: "Hostile comment" }),
    fields: [
      { name: "target", kind: "enum", schema: diffComment.shape.target, required: true },
      { name: "path", kind: "string", schema: diffComment.shape.path, required: true },
      { name: "side", kind: "enum", schema: diffComment.shape.side, required: true },
      { name: "line", kind: "int", schema: diffComment.shape.line, required: true },
      { name: "endLine", kind: "int", schema: diffComment.shape.endLine },
      { name: "body", kind: "string", schema: diffComment.shape.body, required: true },
    ],
    params: [idParam("id", async (id) => acme(`/review/attempts/${id}/comments`), async () => (await globex()).submissionId)],
    extra: [
      setTo("endLine: before line", "endLine", 5, 400, "endLine"),
      setTo("path: a file not in the diff", "path", "../../etc/passwd", 400, "path"),
      { name: "criterion: an unknown field", status: 400, field: "line", make: ({ path }) => ({ path, body: { target: "criterion", criterion: "x", body: "y", line: 3 } }) },
    ],
  },
  {
    route: "PUT /api/w/[workspace]/review/attempts/[id]/viewed",
    method: "PUT",
    caller: "owner",
    path: async () => acme(`/review/attempts/${(await attempt()).submissionId}/viewed`),
    body: async () => ({ path: "src/config/flags.ts", viewed: true }),
    fields: [
      { name: "path", kind: "string", schema: fileViewedSchema.shape.path, required: true },
      { name: "viewed", kind: "boolean", schema: fileViewedSchema.shape.viewed, required: true },
    ],
    params: [idParam("id", async (id) => acme(`/review/attempts/${id}/viewed`), async () => (await globex()).submissionId)],
    extra: [setTo("path: a file not in the diff", "path", "src/other.ts", 400, "path")],
  },
  {
    route: "POST /api/w/[workspace]/review/bulk-accept",
    method: "POST",
    caller: "owner",
    path: async () => acme("/review/bulk-accept"),
    body: async () => ({ submissionIds: [(await attempt()).submissionId], checklist: [...CHECKLIST_IDS] }),
    fields: [
      { name: "submissionIds", kind: "array", items: "string", schema: bulkAcceptSchema.shape.submissionIds, required: true },
      { name: "checklist", kind: "array", items: "enum", validItem: CHECKLIST_IDS[0], schema: bulkAcceptSchema.shape.checklist, required: true },
      { name: "sessionId", kind: "string", schema: bulkAcceptSchema.shape.sessionId, foreign: { value: async () => (await globex()).sessionId, status: 400 } },
    ],
    extra: [
      { name: "submissionIds: another workspace's attempt", status: 400, field: "submissionIds.1", make: async ({ path, body }) => ({ path, body: { ...body, submissionIds: [(await attempt()).submissionId, (await globex()).submissionId] } }) },
      setTo("checklist: not every item", "checklist", ["read_code"], 400, "checklist"),
    ],
  },
  {
    route: "PATCH /api/w/[workspace]/review/comments/[id]",
    method: "PATCH",
    caller: "owner",
    path: async () => acme(`/review/comments/${await draft()}`),
    body: async () => ({ body: "Hostile edit", version: 1 }),
    fields: [
      { name: "body", kind: "string", schema: updateCommentSchema.shape.body, required: true },
      { name: "version", kind: "int", schema: updateCommentSchema.shape.version, required: true },
    ],
    params: [idParam("id", async (id) => acme(`/review/comments/${id}`), async () => (await globex()).commentId)],
  },
  {
    route: "DELETE /api/w/[workspace]/review/comments/[id]",
    method: "DELETE",
    caller: "owner",
    path: async () => acme(`/review/comments/${await draft()}`),
    params: [idParam("id", async (id) => acme(`/review/comments/${id}`), async () => (await globex()).commentId)],
  },
  {
    route: "POST /api/w/[workspace]/review/reviews/[id]/undo",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/review/reviews/${await review()}/undo`),
    params: [idParam("id", async (id) => acme(`/review/reviews/${id}/undo`), async () => (await globex()).reviewId)],
  },
  {
    route: "POST /api/w/[workspace]/review/sessions",
    method: "POST",
    caller: "owner",
    path: async () => acme("/review/sessions"),
    extra: [setTo("a reviewer of one's choosing", "reviewerId", "cl0000000000000000000000"), setTo("counts of one's choosing", "accepted", 99), setTo("a start of one's choosing", "startedAt", "2000-01-01T00:00:00.000Z")],
  },
  {
    route: "POST /api/w/[workspace]/sessions",
    method: "POST",
    caller: "owner",
    path: async () => acme("/sessions"),
    body: async () => ({ taskKey: await leverageTaskKey(), previous: "pause" }),
    fields: [
      { name: "taskKey", kind: "string", schema: startSessionSchema.shape.taskKey, required: true, foreign: { value: async () => (await globexSession()).taskKey, status: 404 } },
      { name: "previous", kind: "enum", schema: startSessionSchema.shape.previous },
      { name: "previousOutcome", kind: "string", schema: startSessionSchema.shape.previousOutcome },
    ],
    extra: [setTo("taskKey: a task that does not exist", "taskKey", "WEB-99999999", 404), setTo("a start of one's choosing", "startedAt", "2000-01-01T00:00:00.000Z"), setTo("someone else as the person", "userId", "cl0000000000000000000000")],
  },
  {
    route: "PATCH /api/w/[workspace]/sessions/[id]",
    method: "PATCH",
    caller: "owner",
    path: async () => acme(`/sessions/${(await leverageSession()).id}`),
    body: async () => ({ version: (await leverageVersion()), phase: "design" }),
    fields: [
      { name: "version", kind: "int", schema: updateSessionSchema.shape.version, required: true },
      { name: "phase", kind: "enum", schema: updateSessionSchema.shape.phase },
      { name: "state", kind: "enum", schema: updateSessionSchema.shape.state },
      { name: "outcome", kind: "string", schema: updateSessionSchema.shape.outcome },
      { name: "leaveOpenNotes", kind: "boolean", schema: updateSessionSchema.shape.leaveOpenNotes },
      { name: "previous", kind: "enum", schema: updateSessionSchema.shape.previous },
      { name: "previousOutcome", kind: "string", schema: updateSessionSchema.shape.previousOutcome },
    ],
    params: [idParam("id", async (id) => acme(`/sessions/${id}`), async () => (await globexSession()).sessionId)],
    extra: [
      { name: "neither a phase nor a state", status: 400, field: "state", make: async ({ path }) => ({ path, body: { version: (await leverageVersion()) } }) },
      { name: "finished without an outcome", status: 400, field: "outcome", make: async ({ path }) => ({ path, body: { version: (await leverageVersion()), state: "finished" } }) },
      { name: "a stale version", status: 409, make: async ({ path }) => ({ path, body: { version: (await leverageVersion()) + 5, phase: "design" } }) },
      { name: "leaving Design with no approaches", status: 422, field: "phase", make: async ({ path }) => ({ path, body: { version: (await leverageVersion()), phase: "refinement" } }) },
    ],
  },
  {
    route: "POST /api/w/[workspace]/sessions/[id]/approaches",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/sessions/${(await leverageSession()).id}/approaches`),
    body: async () => ({ name: "Hostile approach", pros: "Fast", cons: "Risky" }),
    fields: [
      { name: "name", kind: "string", schema: approachSchema.shape.name, required: true },
      { name: "pros", kind: "string", schema: approachSchema.shape.pros },
      { name: "cons", kind: "string", schema: approachSchema.shape.cons },
    ],
    params: [idParam("id", async (id) => acme(`/sessions/${id}/approaches`), async () => (await globexSession()).sessionId)],
    extra: [setTo("chosen at creation", "chosen", true)],
  },
  {
    route: "PATCH /api/w/[workspace]/sessions/[id]/approaches/[itemId]",
    method: "PATCH",
    caller: "owner",
    path: async () => {
      const { sessionId, itemId } = await leverageApproach();
      return acme(`/sessions/${sessionId}/approaches/${itemId}`);
    },
    body: async () => ({ chosen: true }),
    fields: [
      { name: "name", kind: "string", schema: updateApproachSchema.shape.name },
      { name: "pros", kind: "string", schema: updateApproachSchema.shape.pros },
      { name: "cons", kind: "string", schema: updateApproachSchema.shape.cons },
      { name: "chosen", kind: "boolean", schema: updateApproachSchema.shape.chosen },
    ],
    params: [
      idParam("id", async (id) => acme(`/sessions/${id}/approaches/${(await leverageApproach()).itemId}`), async () => (await globexSession()).sessionId),
      idParam("itemId", async (id) => acme(`/sessions/${(await leverageApproach()).sessionId}/approaches/${id}`), async () => (await globexSession()).approachId),
    ],
    extra: [{ name: "nothing to change", status: 400, field: "name", make: ({ path }) => ({ path, body: {} }) }],
  },
  {
    route: "DELETE /api/w/[workspace]/sessions/[id]/approaches/[itemId]",
    method: "DELETE",
    caller: "owner",
    path: async () => {
      const { sessionId, itemId } = await leverageApproach();
      return acme(`/sessions/${sessionId}/approaches/${itemId}`);
    },
    params: [
      idParam("id", async (id) => acme(`/sessions/${id}/approaches/${(await leverageApproach()).itemId}`), async () => (await globexSession()).sessionId),
      idParam("itemId", async (id) => acme(`/sessions/${(await leverageApproach()).sessionId}/approaches/${id}`), async () => (await globexSession()).approachId),
    ],
  },
  {
    route: "POST /api/w/[workspace]/sessions/[id]/ai-token",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/sessions/${(await leverageSession()).id}/ai-token`),
    params: [idParam("id", async (id) => acme(`/sessions/${id}/ai-token`), async () => (await globexSession()).sessionId)],
  },
  {
    route: "POST /api/w/[workspace]/sessions/[id]/interrupts",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/sessions/${(await leverageSession()).id}/interrupts`),
    body: async () => ({ category: "security", note: "Hostile interrupt" }),
    fields: [
      { name: "category", kind: "enum", schema: interruptSchema.shape.category, required: true },
      { name: "note", kind: "string", schema: interruptSchema.shape.note },
    ],
    params: [idParam("id", async (id) => acme(`/sessions/${id}/interrupts`), async () => (await globexSession()).sessionId)],
    extra: [setTo("a phase of one's choosing", "phase", "design")],
  },
  {
    route: "POST /api/w/[workspace]/sessions/[id]/notes",
    method: "POST",
    caller: "owner",
    path: async () => acme(`/sessions/${(await leverageSession()).id}/notes`),
    body: async () => ({ body: "Hostile note" }),
    fields: [{ name: "body", kind: "string", schema: noteSchema.shape.body, required: true }],
    params: [idParam("id", async (id) => acme(`/sessions/${id}/notes`), async () => (await globexSession()).sessionId)],
    extra: [setTo("done at creation", "doneAt", "2000-01-01T00:00:00.000Z")],
  },
  {
    route: "PATCH /api/w/[workspace]/sessions/[id]/notes/[itemId]",
    method: "PATCH",
    caller: "owner",
    path: async () => {
      const { sessionId, itemId } = await leverageNote();
      return acme(`/sessions/${sessionId}/notes/${itemId}`);
    },
    body: async () => ({ done: true }),
    fields: [{ name: "done", kind: "boolean", schema: updateNoteSchema.shape.done, required: true }],
    params: [
      idParam("id", async (id) => acme(`/sessions/${id}/notes/${(await leverageNote()).itemId}`), async () => (await globexSession()).sessionId),
      idParam("itemId", async (id) => acme(`/sessions/${(await leverageNote()).sessionId}/notes/${id}`), async () => (await globexSession()).noteId),
    ],
  },
  {
    route: "PATCH /api/w/[workspace]/review/sessions/[id]",
    method: "PATCH",
    caller: "owner",
    path: async () => acme(`/review/sessions/${await session()}`),
    body: async () => ({ submissionId: null }),
    fields: [
      { name: "submissionId", kind: "string", schema: sessionUpdateSchema.shape.submissionId, nullable: true, foreign: { value: async () => (await globex()).submissionId, status: 400 } },
      { name: "end", kind: "boolean", schema: sessionUpdateSchema.shape.end },
    ],
    params: [idParam("id", async (id) => acme(`/review/sessions/${id}`), async () => (await globex()).sessionId)],
  },
];

// --- The tests -----------------------------------------------------------------------------------

const CODE_FOR: Record<number, ErrorCode> = Object.fromEntries(Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]));
const INTERNALS = /\bat [^\s"]+ \(|node_modules|Prisma|"stack"/;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await agentTokens();
});

// Left out: next-auth's own routes, MCP (JSON-RPC, tested in its own suite), and the two routes that
// take a third party's payload as that party sends it — the GitHub webhook and Claude Code's session
// hooks, whose payloads gain fields over time and so are not strict (their bad input is tested in
// lib/github/webhook.test.ts and lib/session/ai.test.ts).
test("every write route under app/api is in the table (except next-auth, MCP, the GitHub webhook and the session hooks)", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const path = await import("node:path");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = "/" + path.relative(path.resolve("app"), dir).split(path.sep).join("/");
        for (const match of readFileSync(full, "utf8").matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g)) found.push(`${match[1]} ${route}`);
      }
    }
  };
  walk(path.resolve("app/api"));
  const excluded = (route: string) => /\/api\/(auth|mcp|webhooks|v1\/session-hooks)\b/.test(route);
  expect(found.filter((route) => !excluded(route)).sort()).toEqual(ROUTES.map((r) => r.route).sort());
});

for (const route of ROUTES) {
  const cases = casesOf(route);
  test(`${route.route}: at least 25 hostile cases`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((c) => c.name)).size, "case names are unique").toBe(cases.length);
  });

  for (const hostile of cases) {
    const send = async () => {
      const base = { path: await route.path(), body: route.body ? await route.body() : {} };
      const request = await hostile.make(base);
      const before = await databaseChecksums();
      const result = await call(route.caller, route.method, request.path, request.body, { raw: request.raw, headers: route.headers?.() });
      const after = await databaseChecksums();
      return { result, changed: changedTables(before, after) };
    };

    /** What holds for every case: nothing changed, nothing leaked. */
    const expectHarmless = ({ result, changed }: Awaited<ReturnType<typeof send>>) => {
      expect(changed, "tables whose rows changed").toEqual([]);
      expect(result.status, "a client error").toBeGreaterThanOrEqual(400);
      expect(typeof result.body === "string" ? result.body : JSON.stringify(result.body)).not.toMatch(INTERNALS);
    };

    test(`${route.route} — ${hostile.name}`, async () => {
      const sent = await send();
      const { result } = sent;
      const shown = JSON.stringify(result.body)?.slice(0, 300);
      expect(result.status, shown).toBe(hostile.status);
      expectHarmless(sent);
      expect(Object.keys(result.body as object), "one error shape").toEqual(["error"]);
      const error = (result.body as { error: { code: string; message: string; fields?: Record<string, string[]> } }).error;
      expect(error).toMatchObject({ code: CODE_FOR[hostile.status], message: expect.any(String) });
      expect(error.message.length).toBeGreaterThan(0);
      if (hostile.status === 400) {
        expect(error.fields, shown).toBeDefined();
        expect(Object.keys(error.fields ?? {}), shown).toContain(hostile.field);
        const messages = (error.fields ?? {})[hostile.field ?? ""];
        expect(messages?.length).toBeGreaterThan(0);
      }
    });
  }
}
