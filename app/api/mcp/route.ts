// POST|GET|DELETE /api/mcp — MCP server (Streamable HTTP) for agents; bearer API tokens.
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { NextRequest } from "next/server";
import { SUBMISSION_BODY_LIMIT } from "@/lib/agent/schema";
import type { WorkspaceScope } from "@/lib/core/scope";
import { errorResponse, tokenScope } from "@/lib/http/route";
import { createBatonMcpServer } from "@/lib/mcp/server";

export const dynamic = "force-dynamic";

// Stateless: every request gets a fresh server and transport bound to the token's scope, so any
// app instance can answer any request and a revoked token is refused on its very next call.

type Handler = (request: NextRequest, scope: WorkspaceScope) => Promise<Response>;

/** The token gate and the rate limit, before anything MCP sees the request. */
function withToken(handler: Handler) {
  return async (request: NextRequest, _context: { params: Promise<object> }): Promise<Response> => {
    try {
      return await handler(request, await tokenScope(request));
    } catch (error) {
      const response = errorResponse(error);
      if (response.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="baton"');
      return response;
    }
  };
}

export const POST = withToken(async (request, scope) => {
  const server = createBatonMcpServer(scope);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: SUBMISSION_BODY_LIMIT,
  });
  try {
    await server.connect(transport);
    // With JSON responses the answer is complete when this resolves, so closing after is safe.
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
});

/**
 * Stateless mode has no server-to-client stream (GET) and no session to end (DELETE): 405, which
 * clients take as "not offered". Left to the transport, a GET would open an SSE stream that
 * nothing ever writes to or closes.
 */
const notAllowed = withToken(async () =>
  Response.json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: this MCP server is stateless; send JSON-RPC with POST." }, id: null }, { status: 405, headers: { Allow: "POST" } }),
);

export const GET = notAllowed;
export const DELETE = notAllowed;
