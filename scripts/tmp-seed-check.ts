import { execFileSync } from "node:child_process";
import { startEmbeddedPostgres } from "./lib/embedded-pg.ts";
import { applyMigrations } from "./lib/migrate.ts";
const server = await startEmbeddedPostgres("/tmp/seedcheck-pg", 54400);
try {
  const url = await server.ensureDatabase("seedcheck", { fresh: true });
  await applyMigrations(url);
  console.log(url);
  const run = (cmd: string, args: string[]) => {
    try {
      console.log(execFileSync(cmd, args, { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
    } catch (e) { console.log("FAILED", String(e)); }
  };
  run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);
  run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);
  const q = (sql: string) => run("psql", [url, "-c", sql]);
  q("select b.key, t.lane, t.status, count(*) from tasks t join boards b on b.id=t.board_id group by 1,2,3 order by 1,2,3");
  q("select w.slug, b.key, b.next_number, count(t.*), max(t.number), min(t.number) from boards b join workspaces w on w.id=b.workspace_id left join tasks t on t.board_id=b.id group by 1,2,3 order by 1,2");
  q("select count(*) events, count(distinct task_id) tasks_with_event, sum(case when e.created_at=t.created_at and e.actor_id=t.created_by_id then 1 else 0 end) matching from task_events e join tasks t on t.id=e.task_id");
  q("select u.email, u.name, w.slug, m.role, left(u.password_hash,7) from users u left join memberships m on m.user_id=u.id left join workspaces w on w.id=m.workspace_id order by 1");
  q("select b.key, t.number, t.lane, t.status, t.position, t.created_at::date, t.updated_at >= t.created_at upd_ok, t.labels, t.title from tasks t join boards b on b.id=t.board_id order by b.key, t.lane, t.status, t.position");
  q("select count(*) as non_monotonic from tasks a join tasks b on a.board_id=b.board_id and a.number<b.number and a.created_at>b.created_at");
  q("select min(created_at), max(created_at), now() from tasks");
  q("select after from task_events limit 2");
} finally {
  await server.stop();
}
console.log("stopped");
