// GET /api/v1/openapi.json — the agent API as an OpenAPI 3.1 document, generated from the zod schemas.
import { buildOpenApiDocument } from "@/lib/agent/openapi";
import { json, publicRoute } from "@/lib/http/route";

// Public, and built per request: `servers` is the origin the document was fetched from.
export const GET = publicRoute(async (request) => json(buildOpenApiDocument(request.nextUrl.origin)));
