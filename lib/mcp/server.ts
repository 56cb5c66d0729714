import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { getAgentTask, listAssignedTasks, listReviews } from "@/lib/agent/data";
import { claimTask, createSubmission } from "@/lib/agent/mutations";
import { idempotencyKeySchema, listTasksQuerySchema, submissionSchema } from "@/lib/agent/schema";
import { toErrorBody } from "@/lib/core/errors";
import type { WorkspaceScope } from "@/lib/core/scope";
import { lintSpec } from "@/lib/spec/lint";
import { lintRequestSchema } from "@/lib/spec/schema";

// The MCP face of the agent API (/api/v1/tasks…): the same lib functions behind the same token
// scope, as tools an MCP client (Claude Code, Cursor, …) can call. Tools only translate: input
// schemas reuse the API's zod schemas, results are the API's JSON bodies, errors are the API's
// `code: message`. The business rules live in lib/agent and lib/spec.

const SERVER_INFO = { name: "baton", version: "0.1.0" };

const INSTRUCTIONS = `Baton is a task board whose delegated tasks go to AI coding agents. You act as one agent, with the tasks assigned to you.
Workflow: list_assigned_tasks → get_task (read the spec: outcome, context, references, requirements, examples, success criteria, boundaries, tests) → claim_task → do the work → submit_output (summary, PR or diff, checks). The task then waits in review; poll get_review_feedback. On "request_changes", address the feedback and submit again; each submission is an attempt, and the number of "request changes" rounds is limited (get_task → loop: count and limit).`;

const keySchema = z
  .string({ error: "key is required: the task key, e.g. WEB-12." })
  .trim()
  .min(1, "key is required: the task key, e.g. WEB-12.")
  .max(40, "key is a task key such as WEB-12.")
  .describe("The task key, e.g. WEB-12 (board key, dash, number).");

const keyInput = z.strictObject({ key: keySchema });

const submitInput = z.strictObject({
  key: keySchema,
  ...submissionSchema.shape,
  idempotencyKey: idempotencyKeySchema
    .optional()
    .describe("Any unique string (1–200 printable ASCII characters) for this attempt. Retrying with the same key and the same fields returns the first submission instead of recording a second attempt."),
});

/** The result an MCP client sees: pretty JSON for the model, the same object as structured content. */
function ok(result: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(result, null, 2) }], structuredContent: result };
}

/** Any error as a tool result (`isError`), in the API's words: `code: message`, then each field. */
function failed(error: unknown): CallToolResult {
  const { body } = toErrorBody(error);
  const { code, message, fields } = body.error;
  const lines = [`${code}: ${message}`, ...Object.entries(fields ?? {}).map(([field, messages]) => `- ${field}: ${messages.join(" ")}`)];
  return { isError: true, content: [{ type: "text", text: lines.join("\n") }], structuredContent: { ...body } };
}

async function run(action: () => Promise<Record<string, unknown>> | Record<string, unknown>): Promise<CallToolResult> {
  try {
    return ok(await action());
  } catch (error) {
    return failed(error);
  }
}

/** A fresh server for one request, bound to the calling agent's scope (see app/api/mcp/route.ts). */
export function createBatonMcpServer(scope: WorkspaceScope): McpServer {
  const server = new McpServer(SERVER_INFO, { instructions: INSTRUCTIONS });

  server.registerTool(
    "list_assigned_tasks",
    {
      title: "List my assigned tasks",
      description:
        "Lists the tasks assigned to you (this API token's agent) in this workspace, oldest assignment first: key, title, status, spec score and loop count. Filter with status. Start here, then call get_task for the full spec.",
      inputSchema: z.strictObject({
        status: listTasksQuerySchema.shape.status.describe("Only tasks in this status: backlog, ready, in_progress, in_review or done."),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ status }) => run(async () => ({ tasks: await listAssignedTasks(scope, status) })),
  );

  server.registerTool(
    "get_task",
    {
      title: "Get a task and its spec",
      description:
        "Returns one of your tasks: title, description, status, the spec as markdown and split into sections (outcome, context, references, requirements, examples, success, boundaries, tests; null when missing), its lint score, the review loop (count: \"request changes\" rounds so far; limit: how many the workspace allows), the number of attempts and the latest review. Read the spec before claiming.",
      inputSchema: keyInput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ key }) => run(async () => ({ task: await getAgentTask(scope, key) })),
  );

  server.registerTool(
    "claim_task",
    {
      title: "Claim a task",
      description:
        "Tells the team you are starting on one of your tasks: it moves to In progress. Claiming a task you already claimed changes nothing. A done task cannot be claimed.",
      inputSchema: keyInput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ key }) => run(() => claimTask(scope, key)),
  );

  server.registerTool(
    "submit_output",
    {
      title: "Submit an attempt",
      description:
        "Hands back your work on a task as a new attempt for review, and moves the task to In review. Give a summary, and the pull request (prUrl, branch) and/or the change as a unified diff (at most 1 MiB; link a PR for larger changes), the CI checks result, and optionally time and cost. Pass an idempotencyKey so that a retry after a timeout does not record a second attempt.",
      inputSchema: submitInput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    ({ key, idempotencyKey, ...input }) =>
      run(async () => {
        const { submission, created } = await createSubmission(scope, key, input, { source: "mcp", idempotencyKey });
        return { submission, created };
      }),
  );

  server.registerTool(
    "get_review_feedback",
    {
      title: "Get review feedback",
      description:
        'Lists the reviews of your attempts on a task, oldest first: attempt number, verdict (accept, request_changes or reject), the reviewer\'s summary (feedback), the reason of a rejection, and the round\'s inline comments (a diff comment has path, side — old or new line numbers — line and endLine; a criterion comment names a success criterion that is not met). An empty list means no review yet. On "request_changes", address every comment, claim the task and call submit_output again.',
      inputSchema: keyInput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ key }) => run(async () => ({ reviews: await listReviews(scope, key) })),
  );

  server.registerTool(
    "lint_spec",
    {
      title: "Lint a spec",
      description:
        "Scores a task spec (markdown) from 0 to 100 for how well it can be delegated, with findings: each a rule, severity, message, concrete fix and position. Use it to check a spec you write or to see what a task's spec leaves open.",
      inputSchema: z.strictObject({ markdown: lintRequestSchema.shape.markdown.describe("The spec as markdown.") }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ markdown }) =>
      run(() => {
        const { score, findings } = lintSpec(markdown);
        return { score, findings };
      }),
  );

  return server;
}
