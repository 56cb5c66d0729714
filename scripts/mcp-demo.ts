// npx tsx scripts/mcp-demo.ts: what an MCP client session with Baton looks like. Connects to a
// running Baton with the MCP SDK's client, lists the tools, calls list_assigned_tasks and prints
// both. BATON_URL (default http://localhost:3000) and BATON_TOKEN (an agent's API token) set it up:
//
//   BATON_TOKEN=bat_… npx tsx scripts/mcp-demo.ts
//
// A token: Settings → Agents, or `npm run baton -- token create --workspace acme --agent "Claude Code"`.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const baseUrl = process.env.BATON_URL ?? "http://localhost:3000";
const token = process.env.BATON_TOKEN;
if (!token) {
  console.error('Set BATON_TOKEN to an agent\'s API token (npm run baton -- token create --workspace acme --agent "Claude Code").');
  process.exit(1);
}

const endpoint = new URL("/api/mcp", baseUrl);
const client = new Client({ name: "baton-mcp-demo", version: "1.0.0" });
const transport = new StreamableHTTPClientTransport(endpoint, { requestInit: { headers: { Authorization: `Bearer ${token}` } } });

try {
  await client.connect(transport);
  const server = client.getServerVersion();
  console.log(`Connected to ${endpoint} — ${server?.name} ${server?.version}\n`);

  const { tools } = await client.listTools();
  console.log(`Tools (${tools.length}):`);
  for (const tool of tools) {
    const required = new Set(tool.inputSchema.required ?? []);
    const args = Object.keys(tool.inputSchema.properties ?? {}).map((name) => (required.has(name) ? name : `${name}?`));
    console.log(`  ${tool.name}(${args.join(", ")})\n    ${tool.description}`);
  }

  console.log("\n→ list_assigned_tasks {}");
  const result = await client.callTool({ name: "list_assigned_tasks", arguments: {} });
  const content = Array.isArray(result.content) ? (result.content as { type: string; text?: string }[]) : [];
  for (const part of content) console.log(part.type === "text" ? part.text : part);
  if (result.isError) process.exitCode = 1;
} catch (error) {
  console.error(`MCP session failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.close();
}
