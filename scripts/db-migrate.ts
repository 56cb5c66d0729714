// npm run db:migrate: applies pending migrations to DATABASE_URL, or to the embedded database.
import { withDatabase } from "./lib/database.ts";
import { applyMigrations } from "./lib/migrate.ts";

await withDatabase("baton", async (url) => {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
});
