import "dotenv/config";
import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection string from here, not from the schema.
// Migrations run through scripts/db-migrate.ts (see docs/decisions.md); this file serves
// `prisma generate` and, on connected machines, the regular Prisma CLI.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx --conditions=react-server prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/baton" },
});
