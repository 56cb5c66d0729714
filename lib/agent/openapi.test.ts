import { hookPayloadSchema } from "@/lib/session/ai";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, toErrorBody } from "@/lib/core/errors";
import { lintSpec } from "@/lib/spec/lint";
import { lintRequestSchema } from "@/lib/spec/schema";
import { buildOpenApiDocument, LINT_EXAMPLE, SUBMISSION_EXAMPLE, TASK_KEY_PATTERN } from "./openapi";
import { submissionSchema } from "./schema";
import type { AgentTask, AgentTaskSummary, ReviewData, SubmissionData } from "./types";

const root = path.resolve(import.meta.dirname, "../..");
const apiDir = path.join(root, "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

/** Every `route.ts` under app/api/v1 as "METHOD /api/v1/path/{param}", from the methods it exports. */
function routeOperations(): string[] {
  const operations: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|js)$/.test(entry.name)) {
        const source = readFileSync(full, "utf8");
        const urlPath = "/" + path.relative(path.join(root, "app"), dir).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
        const exported = new Set<string>();
        for (const [, name] of source.matchAll(/export\s+(?:const|let|async\s+function|function)\s+(\w+)/g)) exported.add(name!);
        for (const [, list] of source.matchAll(/export\s+(?:const\s*)?\{([^}]*)\}/g)) {
          for (const item of list!.split(",")) exported.add(item.trim().split(/\s+as\s+/).pop()!.trim());
        }
        const methods = METHODS.filter((m) => exported.has(m));
        expect(methods.length, `${full} exports no HTTP method`).toBeGreaterThan(0);
        for (const method of methods) operations.push(`${method} ${urlPath}`);
      }
    }
  };
  walk(apiDir);
  return operations.sort();
}

function documentOperations(doc: ReturnType<typeof buildOpenApiDocument>): string[] {
  return Object.entries(doc.paths)
    .flatMap(([urlPath, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${urlPath}`))
    .sort();
}

/** The "## Agent API" section of docs/api.md, up to the next level-2 heading. */
function agentApiDocs(): string {
  const markdown = readFileSync(path.join(root, "docs/api.md"), "utf8");
  const start = markdown.indexOf("## Agent API (`/api/v1`)");
  expect(start, "docs/api.md has a section ## Agent API (`/api/v1`)").toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

interface CurlCommand {
  text: string;
  method: string;
  urlPath: string;
  body?: string;
}

/** The curl commands of a markdown text's ```sh blocks, with line continuations joined. */
function curlCommands(markdown: string): CurlCommand[] {
  const commands: CurlCommand[] = [];
  for (const [, block] of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    // A quoted -d body may span lines; join continuations, then split on lines outside quotes.
    const joined = block!.replace(/\\\n\s*/g, " ").replace(/\|\n\s*/g, "| ");
    const lines: string[] = [];
    let current = "";
    let quoted = false;
    for (const char of joined) {
      if (char === "'") quoted = !quoted;
      if (char === "\n" && !quoted) {
        lines.push(current);
        current = "";
      } else current += char;
    }
    lines.push(current);
    for (const line of lines) {
      const curl = line.slice(line.indexOf("curl "));
      if (!line.includes("curl ")) continue;
      const url = /\/api\/v1\/[^\s'"?]*/.exec(curl)?.[0];
      if (!url) continue;
      const body = /(?:-d|--data)\s+'([^']*)'/.exec(curl)?.[1];
      const explicit = /-X\s+(\w+)/.exec(curl)?.[1];
      const method = explicit ?? (body !== undefined || /--data/.test(curl) ? "POST" : "GET");
      commands.push({ text: curl, method, urlPath: url, body });
    }
  }
  return commands;
}

const matches = (template: string, urlPath: string) => new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`).test(urlPath);

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument("http://localhost:3000");

  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Baton agent API", version: "1" });
    expect(doc.servers).toEqual([{ url: "http://localhost:3000", description: expect.any(String) }]);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("trims a trailing slash from the base URL and is relative without one", () => {
    expect(buildOpenApiDocument("https://baton.example.com/").servers[0]!.url).toBe("https://baton.example.com");
    expect(buildOpenApiDocument().servers[0]!.url).toBe("/");
  });

  it("has every route under app/api/v1, and only those", () => {
    const routes = routeOperations();
    expect(routes.length).toBeGreaterThanOrEqual(7);
    expect(documentOperations(doc)).toEqual(routes);
  });

  it("gives every operation an operationId, a summary, and the error responses", () => {
    const ids = new Set<string>();
    for (const [urlPath, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${urlPath}`;
        expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
        expect(ids.has(operation.operationId), `${where}: duplicate operationId`).toBe(false);
        ids.add(operation.operationId);
        expect(operation.summary, where).toBeTruthy();
        if (urlPath.includes("{key}")) {
          expect(operation.parameters, where).toContainEqual({ $ref: "#/components/parameters/TaskKey" });
          expect(operation.responses["404"], where).toBeDefined();
        }
        if (urlPath === "/api/v1/openapi.json") {
          expect(operation.security).toEqual([]);
          continue;
        }
        for (const status of ["401", "429", "503"]) expect(operation.responses[status], `${where} ${status}`).toBeDefined();
      }
    }
    expect(doc.components.parameters.TaskKey).toMatchObject({ in: "path", required: true, schema: { pattern: TASK_KEY_PATTERN } });
    for (const key of ["WEB-8", "web-8", "A1B2-7"]) expect(key).toMatch(new RegExp(TASK_KEY_PATTERN));
    for (const key of ["WEB-0", "8", "W-8", "WEB8"]) expect(key).not.toMatch(new RegExp(TASK_KEY_PATTERN));
  });

  it("documents the submission route's statuses, the Idempotency-Key header and Retry-After", () => {
    const submit = doc.paths["/api/v1/tasks/{key}/submissions"]!.post!;
    expect(Object.keys(submit.responses).sort()).toEqual(["200", "201", "400", "401", "404", "409", "413", "422", "429", "503"]);
    expect(submit.parameters).toContainEqual({ $ref: "#/components/parameters/IdempotencyKey" });
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: "Idempotency-Key", in: "header", required: false });
    expect(doc.components.responses.RateLimited).toMatchObject({ headers: { "Retry-After": { schema: { type: "integer" } } } });
    for (const response of Object.values(doc.components.responses)) {
      expect(response.content).toEqual({ "application/json": expect.objectContaining({ schema: { $ref: "#/components/schemas/Error" } }) });
    }
    expect(doc.paths["/api/v1/tasks"]!.get!.parameters).toContainEqual(
      expect.objectContaining({ name: "status", in: "query", required: false, schema: { type: "string", enum: ["backlog", "ready", "in_progress", "in_review", "done"] } }),
    );
  });

  it("accepts a bearer token everywhere and the session cookie on spec-lint", () => {
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/v1/spec-lint"]!.post!.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
  });

  it("describes the submission request from submissionSchema", () => {
    const schema = doc.components.schemas.SubmissionRequest!;
    expect(schema.required).toEqual(["summary"]);
    expect(schema.properties).toHaveProperty("diff", expect.objectContaining({ type: "string" }));
    expect(schema.properties).toHaveProperty("checks", { $ref: "#/components/schemas/SubmissionChecks" });
    expect(schema.additionalProperties).toBe(false);
    expect(doc.paths["/api/v1/tasks/{key}/submissions"]!.post!.requestBody).toMatchObject({
      required: true,
      content: { "application/json": { schema: { $ref: "#/components/schemas/SubmissionRequest" }, example: SUBMISSION_EXAMPLE } },
    });
  });

  it("has examples that the routes accept, by zod and by the document's own JSON Schema", async () => {
    expect(submissionSchema.safeParse(SUBMISSION_EXAMPLE).success).toBe(true);
    expect(lintRequestSchema.safeParse(LINT_EXAMPLE).success).toBe(true);
    // The JSON Schema in the document, dereferenced and read back into zod, agrees with zod.
    const api = (await SwaggerParser.dereference(structuredClone(doc) as never)) as unknown as typeof doc;
    const documented = z.fromJSONSchema(api.components.schemas.SubmissionRequest!);
    expect(documented.safeParse(SUBMISSION_EXAMPLE).success).toBe(true);
    expect(documented.safeParse({ diff: "x" }).success).toBe(false);
    expect(documented.safeParse({ ...SUBMISSION_EXAMPLE, extra: 1 }).success).toBe(false);
  });

  it("declares every path template parameter on each operation of the path", () => {
    const parameters = doc.components.parameters;
    for (const [urlPath, item] of Object.entries(doc.paths)) {
      const names = [...urlPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, operation] of Object.entries(item)) {
        const declared = (operation.parameters ?? [])
          .map((p) => ("$ref" in p && typeof p.$ref === "string" ? parameters[p.$ref.split("/").pop()!] : p) as { name?: string; in?: string } | undefined)
          .filter((p) => p?.in === "path")
          .map((p) => p!.name);
        expect(declared.sort(), `${method.toUpperCase()} ${urlPath}`).toEqual(names.sort());
      }
    }
  });

  it("describes what the routes return (sample bodies against the document's own JSON Schema)", async () => {
    const api = (await SwaggerParser.dereference(structuredClone(doc) as never)) as unknown as typeof doc;
    const documented = (name: string) => {
      const schema = api.components.schemas[name];
      expect(schema, name).toBeDefined();
      return z.fromJSONSchema(schema!);
    };
    const expectValid = (name: string, body: unknown) => expect(documented(name).safeParse(body).error?.issues ?? [], name).toEqual([]);
    // Every component is a JSON Schema that zod can read back.
    for (const name of Object.keys(api.components.schemas)) expect(() => documented(name), name).not.toThrow();

    const now = new Date().toISOString();
    const summary: AgentTaskSummary = { key: "WEB-8", title: "Fix the page count", status: "ready", specScore: null, loopCount: 0, updatedAt: now };
    const task: AgentTask = {
      key: "WEB-8",
      title: "Fix the page count",
      description: "",
      status: "in_progress",
      agent: { id: "a1", name: "Devin" },
      spec: { markdown: LINT_EXAMPLE.markdown, revision: 3, score: 64, sections: { outcome: "The last page is shown.", tests: null } },
      loop: { count: 1, limit: 2 },
      attempts: 1,
      latestReview: { verdict: "request_changes", feedback: "Add a test.", createdAt: now },
      lifecycle: { assignedAt: now, claimedAt: now, submittedAt: null, reviewedAt: null },
    };
    const submission: SubmissionData = {
      id: "s1",
      attempt: 1,
      source: "api",
      summary: SUBMISSION_EXAMPLE.summary,
      prUrl: SUBMISSION_EXAMPLE.prUrl,
      prNumber: null,
      branch: null,
      diff: "",
      diffNote: null,
      diffFetch: null,
      checks: { status: "none", url: null, log: null },
      durationSeconds: null,
      costUsd: 1.25,
      merged: false,
      agent: { id: "a1", name: "Devin", kind: "devin" },
      createdAt: now,
    };
    const review: ReviewData = { id: "r1", attempt: 1, verdict: "reject", feedback: "Out of scope.", reason: "too_complex", comments: [{ target: "diff", path: "src/a.ts", side: "new", line: 3, endLine: null, criterion: null, body: "Use the helper." }], createdAt: now };
    expectValid("TaskList", { tasks: [summary] });
    expectValid("TaskResponse", { task: { ...task, agent: null, latestReview: null } });
    expectValid("TaskResponse", { task });
    expectValid("ClaimResponse", { task: { key: "WEB-8", status: "in_progress", claimedAt: now } });
    expectValid("SubmissionResponse", { submission });
    expectValid("SubmissionResponse", { submission: { ...submission, agent: null } });
    expectValid("ReviewList", { reviews: [review] });
    const { score, findings } = lintSpec(LINT_EXAMPLE.markdown);
    expect(findings.length).toBeGreaterThan(0);
    expectValid("LintResult", { score, findings });
    expectValid("Error", toErrorBody(new AppError("rate_limited", "Too many requests.", undefined, undefined, { "Retry-After": "3" })).body);
    expectValid("Error", toErrorBody(new AppError("invalid", "Some fields are not valid.", { summary: ["summary is required."] })).body);
    expectValid("Error", toErrorBody(new AppError("conflict", "Stale.", undefined, { current: { version: 2 } })).body);
    // And they are not a blank cheque.
    expect(documented("TaskList").safeParse({ tasks: [{ ...summary, status: "doing" }] }).success).toBe(false);
    expect(documented("Error").safeParse({ error: { code: "teapot", message: "" } }).success).toBe(false);
  });

  it("names every response schema in components, converted without standalone $schema/$id", () => {
    for (const name of ["TaskList", "TaskResponse", "ClaimResponse", "SubmissionResponse", "ReviewList", "LintResult", "Error"]) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    for (const schema of Object.values(doc.components.schemas)) {
      expect(schema).not.toHaveProperty("$schema");
      expect(schema).not.toHaveProperty("$id");
    }
    expect(doc.components.schemas.TaskList!.properties!.tasks).toEqual({ type: "array", items: { $ref: "#/components/schemas/TaskSummary" } });
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the document, public, with the request's origin as the server", async () => {
    const { NextRequest } = await import("next/server");
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const response = await GET(new NextRequest("https://baton.example.com/api/v1/openapi.json"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = (await response.json()) as ReturnType<typeof buildOpenApiDocument>;
    expect(body.servers[0]!.url).toBe("https://baton.example.com");
    expect(body).toEqual(buildOpenApiDocument("https://baton.example.com"));
  });
});

describe("the agent API docs (docs/api.md)", () => {
  const doc = buildOpenApiDocument();
  const section = agentApiDocs();
  const commands = curlCommands(section);

  it("link the OpenAPI document", () => {
    expect(section).toContain("/api/v1/openapi.json");
  });

  it("have a curl example for every operation", () => {
    for (const operation of documentOperations(doc)) {
      const [method, template] = operation.split(" ") as [string, string];
      expect(
        commands.some((c) => c.method === method && matches(template, c.urlPath)),
        `docs/api.md has no curl example for ${operation}`,
      ).toBe(true);
    }
  });

  it("send bodies the routes accept, and the submission example is the document's", () => {
    const submissions = commands.filter((c) => c.body !== undefined && matches("/api/v1/tasks/{key}/submissions", c.urlPath));
    const lints = commands.filter((c) => c.body !== undefined && c.urlPath === "/api/v1/spec-lint");
    expect(submissions.length).toBeGreaterThan(0);
    expect(lints.length).toBeGreaterThan(0);
    for (const command of submissions) {
      const body = JSON.parse(command.body!) as unknown;
      expect(submissionSchema.safeParse(body).error?.issues ?? []).toEqual([]);
      expect(body).toEqual(SUBMISSION_EXAMPLE);
      expect(command.text).toContain("Idempotency-Key:");
    }
    for (const command of lints) expect(lintRequestSchema.safeParse(JSON.parse(command.body!)).error?.issues ?? []).toEqual([]);
    // The session hooks take the session's own token; every other route an agent's.
    const hooks = commands.filter((c) => c.urlPath === "/api/v1/session-hooks");
    expect(hooks.length).toBeGreaterThan(0);
    for (const command of hooks) {
      expect(hookPayloadSchema.safeParse(JSON.parse(command.body!)).error?.issues ?? []).toEqual([]);
      expect(command.text, command.text).toContain('-H "Authorization: Bearer $BATON_SESSION_TOKEN"');
    }
    for (const command of commands.filter((c) => c.urlPath !== "/api/v1/openapi.json" && c.urlPath !== "/api/v1/session-hooks")) {
      expect(command.text, command.text).toContain('-H "Authorization: Bearer $BATON_TOKEN"');
    }
  });
});
