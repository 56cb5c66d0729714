// Shared by the client (server-only) and the input schemas (also used in the browser).
export const DEFAULT_GITHUB_API_URL = "https://api.github.com";
