// The agent API (/api/v1) as an OpenAPI 3.1 document, generated from the zod schemas the routes
// parse with (requests) and the response schemas in api-schemas.ts (responses), so that the
// document cannot say something the code does not do. Served at GET /api/v1/openapi.json;
// lib/agent/openapi.test.ts checks it against the route files and the OpenAPI 3.1 schema.
import { GROUP_BY, metricsQuerySchema } from "@/lib/dashboard/schema";
import { hookPayloadSchema } from "@/lib/session/ai";
import { z } from "zod";
import { LINT_BODY_LIMIT, lintRequestSchema } from "@/lib/spec/schema";
import {
  agentTaskSchema,
  agentTaskSummarySchema,
  claimResponseSchema,
  errorBodySchema,
  findingSchema,
  lintResponseSchema,
  reviewListResponseSchema,
  reviewSchema,
  submissionDataSchema,
  submissionResponseSchema,
  taskListResponseSchema,
  taskResponseSchema,
} from "./api-schemas";
import { checksSchema, DIFF_LIMIT_BYTES, idempotencyKeySchema, listTasksQuerySchema, SUBMISSION_BODY_LIMIT, submissionSchema, type SubmissionInput } from "./schema";

type JsonSchema = z.core.JSONSchema.BaseSchema;
type Ref = { $ref: string };
type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: (Ref | Record<string, unknown>)[];
  requestBody?: Record<string, unknown>;
  responses: Record<string, Ref | Record<string, unknown>>;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: {
    securitySchemes: Record<string, Record<string, unknown>>;
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, Record<string, unknown>>;
    responses: Record<string, Record<string, unknown>>;
  };
}

/** The key of a task in a path: BOARDKEY-NUMBER. Keys are case-insensitive (web-8 is WEB-8). */
export const TASK_KEY_PATTERN = "^[A-Za-z][A-Za-z0-9]{1,9}-[1-9][0-9]*$";

/** The example submission of the document and of docs/api.md (the test parses both with zod). */
export const SUBMISSION_EXAMPLE = {
  summary: "Lazy-loaded the Markdown editor with next/dynamic: the first chunk of the board no longer includes it, and the task dialog shows the plain textarea until it has loaded.",
  prUrl: "https://github.com/acme/web/pull/42",
  branch: "copilot/web-17-lazy-editor",
  diff: "diff --git a/src/task/task-dialog.tsx b/src/task/task-dialog.tsx\n--- a/src/task/task-dialog.tsx\n+++ b/src/task/task-dialog.tsx\n@@ -1,3 +1,6 @@\n-import { MarkdownEditor } from \"../editor/markdown-editor\";\n+import dynamic from \"next/dynamic\";\n+\n+const MarkdownEditor = dynamic(() => import(\"../editor/markdown-editor\"), { loading: () => <PlainTextarea /> });\n",
  checks: { status: "passed", url: "https://github.com/acme/web/actions/runs/1" },
  durationSeconds: 540,
  costUsd: 1.25,
} satisfies SubmissionInput;

export const LINT_EXAMPLE = {
  markdown: "## Outcome\nThe last page of search results is shown.\n\n## References\n- `src/pagination.ts:142`\n",
} satisfies z.input<typeof lintRequestSchema>;

const ref = (name: string): Ref => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });
const parameter = (name: string): Ref => ({ $ref: `#/components/parameters/${name}` });
const jsonContent = (schema: Ref | JsonSchema, extra: Record<string, unknown> = {}) => ({ "application/json": { schema, ...extra } });

/** Converts the schemas of a registry into `components.schemas`, with `$ref`s between them. */
function componentSchemas(entries: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(entries)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io, uri: (id) => `#/components/schemas/${id}` });
  // Each schema comes out as a standalone document; inside an OpenAPI document they are not.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...rest }]) => [id, rest]));
}

function buildSchemas(): Record<string, JsonSchema> {
  // Requests as the routes parse them (io: "input": before trims and defaults).
  const requests = componentSchemas({ SubmissionRequest: submissionSchema, SubmissionChecks: checksSchema, LintRequest: lintRequestSchema }, "input");
  // Responses are converted as input too: they have no transforms, and the input form leaves
  // objects open (no `additionalProperties: false`), so that a new response field is not a
  // breaking change for generated clients.
  const responses = componentSchemas(
    {
      TaskSummary: agentTaskSummarySchema,
      TaskList: taskListResponseSchema,
      Task: agentTaskSchema,
      TaskResponse: taskResponseSchema,
      ClaimResponse: claimResponseSchema,
      Submission: submissionDataSchema,
      SubmissionResponse: submissionResponseSchema,
      Review: reviewSchema,
      ReviewList: reviewListResponseSchema,
      Finding: findingSchema,
      LintResult: lintResponseSchema,
      Error: errorBodySchema,
    },
    "input",
  );
  return { ...requests, ...responses };
}

/** One schema, inline (requests only: io "input"). */
function standalone(schema: z.ZodType): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
  return rest;
}

/** Query parameters, one per property of a zod object schema. */
function queryParameters(schema: z.ZodObject, descriptions: Record<string, string> = {}): Record<string, unknown>[] {
  const json = standalone(schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description = descriptions[name], ...rest } = typeof property === "object" ? property : {};
    return { name, in: "query", required: required.has(name), ...(description && { description }), schema: rest };
  });
}

function errorResponse(description: string, code: string, message: string, extra: Record<string, unknown> = {}) {
  return { description, ...extra, content: jsonContent(ref("Error"), { example: { error: { code, message } } }) };
}

function buildResponses(): Record<string, Record<string, unknown>> {
  return {
    BadRequest: {
      description: "`invalid`: the body is not JSON or a field is not valid; `error.fields` has a message per field.",
      content: jsonContent(ref("Error"), {
        example: { error: { code: "invalid", message: "Some fields are not valid.", fields: { summary: ["summary is required."] } } },
      }),
    },
    Unauthorized: errorResponse("`unauthenticated`: no token, a malformed one, an unknown one or a revoked one.", "unauthenticated", "Send an API token: Authorization: Bearer bat_…"),
    NotFound: errorResponse(
      "`not_found`: no such task, or it is not assigned to the calling agent (an agent sees only its own tasks).",
      "not_found",
      "Task not found.",
    ),
    Conflict: errorResponse("`conflict`: the task is done.", "conflict", "This task is done; it takes no more submissions."),
    PayloadTooLarge: errorResponse("`payload_too_large`: the body or the diff is over its limit.", "payload_too_large", `The diff is larger than ${DIFF_LIMIT_BYTES} bytes. Link the pull request instead, or split the change.`),
    Unprocessable: errorResponse(
      "`unprocessable`: this Idempotency-Key was already used with a different body (or on another task).",
      "unprocessable",
      "This Idempotency-Key was already used with a different request. Use a new key for a new submission.",
    ),
    RateLimited: errorResponse("`rate_limited`: too many requests for this token in the last minute.", "rate_limited", "Too many requests for this token. Try again in 12 s.", {
      headers: {
        "Retry-After": { description: "Seconds to wait before the next request.", schema: { type: "integer", minimum: 1 } },
      },
    }),
    Unavailable: errorResponse("`unavailable`: the database is busy. Retry after a short wait.", "unavailable", "Baton is busy right now. Try again in a moment."),
  };
}

const AGENT_ERRORS = { "401": response("Unauthorized"), "429": response("RateLimited"), "503": response("Unavailable") };

const DESCRIPTION = `The REST API through which AI coding agents work on the tasks delegated to them in Baton.

**Authentication.** \`Authorization: Bearer bat_…\` with a token of the agent, created in Settings → Agents or with the admin CLI (\`npm run baton -- token create --workspace acme --agent Devin\`). A token belongs to one agent in one workspace, and the agent sees only the tasks assigned to it: any other key is 404.

**Rate limit.** Per token, 300 requests a minute by default (\`BATON_API_RATE_LIMIT\`); above it, 429 with a \`Retry-After\` header in seconds.

**Lifecycle.** List your tasks, read one (its spec is your instructions), claim it (→ In progress), submit an attempt (→ In review). A reviewer accepts, requests changes (the task comes back to you: read the reviews, then submit again) or rejects.

**Idempotency.** Send an \`Idempotency-Key\` header with a submission: a retry with the same key and body returns the first submission (200 instead of 201), the same key with another body is 422.

**Limits.** Submission bodies up to ${SUBMISSION_BODY_LIMIT} bytes, with a diff of at most ${DIFF_LIMIT_BYTES} bytes (413 above); spec-lint bodies up to ${LINT_BODY_LIMIT} bytes.

**Errors.** Always \`{ "error": { "code", "message", "fields"? } }\`.`;

export function buildOpenApiDocument(baseUrl?: string): OpenApiDocument {
  const taskKey = parameter("TaskKey");
  return {
    openapi: "3.1.0",
    info: { title: "Baton agent API", version: "1", description: DESCRIPTION },
    servers: [{ url: baseUrl ? baseUrl.replace(/\/+$/, "") : "/", description: "This Baton instance" }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: "Tasks", description: "The tasks assigned to the calling agent, and the work on them." },
      { name: "Specs", description: "The spec lint." },
      { name: "Sessions", description: "A leverage session's coding assistant, reporting through its hooks." },
      { name: "Metrics", description: "The team dashboard's figures, for reporting scripts." },
      { name: "Meta", description: "This document." },
    ],
    paths: {
      "/api/v1/tasks": {
        get: {
          operationId: "listTasks",
          summary: "List the tasks assigned to the calling agent",
          description: "Oldest assignment first. Filter with `?status=`, e.g. `ready` for work not started yet.",
          tags: ["Tasks"],
          parameters: queryParameters(listTasksQuerySchema, { status: "Only the tasks in this status." }),
          responses: {
            "200": { description: "The tasks.", content: jsonContent(ref("TaskList")) },
            "400": response("BadRequest"),
            ...AGENT_ERRORS,
          },
        },
      },
      "/api/v1/tasks/{key}": {
        get: {
          operationId: "getTask",
          summary: "Get a task with its spec",
          description: "The spec (markdown and sections) is the agent's instructions. `loop` says how many times the task was sent back and the limit; `latestReview` is the last verdict.",
          tags: ["Tasks"],
          parameters: [taskKey],
          responses: {
            "200": { description: "The task.", content: jsonContent(ref("TaskResponse")) },
            "404": response("NotFound"),
            ...AGENT_ERRORS,
          },
        },
      },
      "/api/v1/tasks/{key}/claim": {
        post: {
          operationId: "claimTask",
          summary: "Claim a task: it moves to In progress",
          description: "Claim before starting work. Claiming a task already in progress returns the first claim time; a done task is 409.",
          tags: ["Tasks"],
          parameters: [taskKey],
          responses: {
            "200": { description: "Claimed.", content: jsonContent(ref("ClaimResponse")) },
            "404": response("NotFound"),
            "409": response("Conflict"),
            ...AGENT_ERRORS,
          },
        },
      },
      "/api/v1/tasks/{key}/submissions": {
        post: {
          operationId: "createSubmission",
          summary: "Submit an attempt: the task moves to In review",
          description: `Hand back the work: a summary, and the pull request, branch and/or the unified diff (at most ${DIFF_LIMIT_BYTES} bytes), with the CI result. Send an \`Idempotency-Key\` so that a retry cannot record the attempt twice.`,
          tags: ["Tasks"],
          parameters: [taskKey, parameter("IdempotencyKey")],
          requestBody: { required: true, content: jsonContent(ref("SubmissionRequest"), { example: SUBMISSION_EXAMPLE }) },
          responses: {
            "201": { description: "Recorded; the task is In review.", content: jsonContent(ref("SubmissionResponse")) },
            "200": { description: "A replay: this Idempotency-Key was used before with the same body; the first submission is returned.", content: jsonContent(ref("SubmissionResponse")) },
            "400": response("BadRequest"),
            "404": response("NotFound"),
            "409": response("Conflict"),
            "413": response("PayloadTooLarge"),
            "422": response("Unprocessable"),
            ...AGENT_ERRORS,
          },
        },
      },
      "/api/v1/tasks/{key}/reviews": {
        get: {
          operationId: "listReviews",
          summary: "List the reviews of the agent's attempts",
          description: "Oldest first. After a `request_changes`, the feedback says what to change before submitting again.",
          tags: ["Tasks"],
          parameters: [taskKey],
          responses: {
            "200": { description: "The reviews.", content: jsonContent(ref("ReviewList")) },
            "404": response("NotFound"),
            ...AGENT_ERRORS,
          },
        },
      },
      "/api/v1/spec-lint": {
        post: {
          operationId: "lintSpec",
          summary: "Score a spec",
          description: `Lints spec markdown as the editor does: a score from 0 to 100 and findings with fixes and character offsets. With a bearer token (rate-limited) or a browser session. Bodies over ${LINT_BODY_LIMIT} bytes are 413.`,
          tags: ["Specs"],
          security: [{ bearerAuth: [] }, { cookieAuth: [] }],
          requestBody: { required: true, content: jsonContent(ref("LintRequest"), { example: LINT_EXAMPLE }) },
          responses: {
            "200": { description: "The score and findings.", content: jsonContent(ref("LintResult")) },
            "400": response("BadRequest"),
            "413": errorResponse("`payload_too_large`: the body is over the limit.", "payload_too_large", `The request body is larger than ${LINT_BODY_LIMIT} bytes.`),
            ...AGENT_ERRORS,
          },
        },
      },
      "/api/v1/session-hooks": {
        post: {
          operationId: "reportSessionHook",
          summary: "Report a coding-assistant hook to a leverage session",
          description:
            "For Claude Code's hooks (SessionStart, UserPromptSubmit, Stop, SessionEnd), configured from a leverage session's AI assistant panel: the body is the hook's JSON payload as Claude Code sends it (fields Baton does not read are accepted). Authenticated by the session's own token, not an agent's. The answer is an empty object, which Claude Code reads as \"carry on\"; a finished session is 409.",
          tags: ["Sessions"],
          security: [{ sessionTokenAuth: [] }],
          requestBody: {
            required: true,
            content: jsonContent(standalone(hookPayloadSchema), {
              example: { session_id: "9f3c2a71-5b7e-4d0a-8c11-2e6f0b9d4a10", transcript_path: "/home/dev/.claude/projects/app/9f3c2a71.jsonl", cwd: "/home/dev/app", hook_event_name: "UserPromptSubmit", prompt: "Why does the export time out?" },
            }),
          },
          responses: {
            "200": { description: "Recorded on the session's timeline.", content: jsonContent({ type: "object" }) },
            "400": response("BadRequest"),
            "401": errorResponse("`unauthenticated`: no session token, a malformed one, or one a newer token replaced.", "unauthenticated", "This session token is not valid, or it was replaced by a newer one."),
            "409": errorResponse("`conflict`: the session is finished.", "conflict", "This Baton session is finished: start a new session on the task and connect your AI to it."),
            "429": response("RateLimited"),
            "503": response("Unavailable"),
          },
        },
      },
      "/api/v1/metrics": {
        get: {
          operationId: "getMetrics",
          summary: "The team dashboard's figures",
          description:
            "The figures of the dashboard (/w/{workspace}/dashboard) under the same filters, computed exactly in the database: review loops (distribution, first-pass acceptance, rejections and reasons, weekly), the breakdowns by agent, spec author and board, flow (review latency, time in each status, cycle time per lane, review throughput), delegation (spec score at hand-off against loops, cost and time per accepted task by agent, lane mix, overrides) and leverage sessions. `groupBy` adds `groups`: the loop figures per agent, author, board or week. For a token made with the `metrics:read` scope (a *metrics token* in Settings → Agents; other tokens are 403), or a signed-in member naming the workspace. Durations are in seconds, costs in cents.",
          tags: ["Metrics"],
          security: [{ bearerAuth: [] }, { cookieAuth: [] }],
          parameters: queryParameters(metricsQuerySchema, {
            from: "First day (YYYY-MM-DD, UTC); default: eight weeks before `to`.",
            to: "Last day, inclusive (YYYY-MM-DD, UTC); default: today.",
            board: "A board's key, e.g. WEB; default: every board.",
            tz: "IANA time zone whose Mondays start the weeks; default UTC.",
            groupBy: "Also return the loop figures grouped by agent, spec author, board or week.",
          }),
          responses: {
            "200": {
              description: "The figures.",
              content: jsonContent(
                {
                  type: "object",
                  required: ["workspace", "filter", "figures"],
                  properties: {
                    workspace: { type: "string" },
                    filter: { type: "object", properties: { from: { type: "string" }, to: { type: "string" }, board: { type: ["string", "null"] }, tz: { type: "string" } } },
                    groupBy: { type: "string", enum: [...GROUP_BY] },
                    groups: { type: "array", items: { type: "object" } },
                    figures: {
                      type: "object",
                      required: ["loops", "breakdowns", "flow", "delegation", "leverage"],
                      properties: { loops: { type: "object" }, breakdowns: { type: "object" }, flow: { type: "object" }, delegation: { type: "object" }, leverage: { type: "object" } },
                    },
                  },
                },
                {
                  example: {
                    workspace: "acme",
                    filter: { from: "2026-10-06", to: "2026-11-30", board: null, tz: "UTC" },
                    groupBy: "agent",
                    groups: [{ id: "cm1agent", name: "Claude Code", outcomes: 12, firstPass: 8, rejected: 1, meanLoops: 0.42 }],
                    figures: { loops: { outcomes: 31, accepted: 27, firstPass: 17, afterLoops: 10, rejected: 4, meanLoops: 0.61 }, breakdowns: {}, flow: {}, delegation: {}, leverage: {} },
                  },
                },
              ),
            },
            "400": response("BadRequest"),
            "403": errorResponse("`forbidden`: a token without the metrics:read scope.", "forbidden", "This API token may not read metrics: an admin creates a metrics token in Settings → Agents."),
            "404": response("NotFound"),
            ...AGENT_ERRORS,
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          tags: ["Meta"],
          security: [],
          responses: {
            "200": { description: "The agent API as an OpenAPI 3.1 document.", content: jsonContent({ type: "object" }) },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "bat_…",
          description: "An agent's API token: `bat_` and 32 letters and digits. Created in Settings → Agents or with `npm run baton -- token create`; shown once.",
        },
        sessionTokenAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "bls_…",
          description: "A leverage session's hook token: `bls_` and 32 letters and digits, made in the session's AI assistant panel; shown once.",
        },
        cookieAuth: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "A signed-in browser session (`__Secure-next-auth.session-token` over HTTPS). Only /api/v1/spec-lint accepts it.",
        },
      },
      schemas: buildSchemas(),
      parameters: {
        TaskKey: {
          name: "key",
          in: "path",
          required: true,
          description: "The task key, BOARDKEY-NUMBER (case-insensitive).",
          schema: { type: "string", pattern: TASK_KEY_PATTERN },
          example: "WEB-8",
        },
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: "Makes a retry safe: the same key and body return the first submission (200), the same key with another body is 422. Use a new key (e.g. a UUID) per attempt.",
          schema: standalone(idempotencyKeySchema),
          example: "web-8-attempt-1",
        },
      },
      responses: buildResponses(),
    },
  };
}
