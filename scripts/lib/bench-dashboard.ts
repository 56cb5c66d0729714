// The dashboard's bench data: a workspace of its own ("metrics") with a year of delegated work —
// 20,000 tasks and exactly 100,000 reviews (each task 1–9 attempts, every attempt reviewed: request
// changes until the last, accepted or rejected), the submissions, spec revisions, status stretches,
// events, review sessions and 1,000 leverage sessions that the figures read. Written in bulk with
// generate_series (the mutations would take an hour for this much); deterministic, so two runs
// measure the same data.
import type pg from "pg";

export const DASHBOARD_WORKSPACE = "metrics";
export const DASHBOARD_TASKS = 20_000;
const AGENTS = ["Devin", "Copilot", "Claude Code", "Codex", "Cursor"] as const;
const REVIEW_SESSIONS = 2_000;
const LEVERAGE_SESSIONS = 1_000;

/** Reviews of task i (1-based): 1 + (7i mod 9) for the first 19,998 (a cycle of 1…9, mean 5), 5 for the last two: 100,000 in all. */
const REVIEWS_OF = `(CASE WHEN i > 19998 THEN 5 ELSE 1 + (7 * i) % 9 END)`;

export async function seedDashboardWorkspace(pool: pg.Pool, ownerUserId: string): Promise<{ workspaceId: string; reviews: number; tasks: number }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const ws = (
      await client.query<{ id: string }>(
        `INSERT INTO workspaces (id, name, slug, loop_limit, updated_at) VALUES ('bench-metrics', 'Metrics bench', $1, 8, now()) RETURNING id`,
        [DASHBOARD_WORKSPACE],
      )
    ).rows[0]!.id;
    await client.query(`INSERT INTO memberships (id, workspace_id, user_id, role, updated_at) VALUES ('bench-metrics-owner', $1, $2, 'owner', now())`, [ws, ownerUserId]);
    await client.query(
      `INSERT INTO boards (id, workspace_id, name, key, next_number, updated_at)
       SELECT 'bench-board-' || k, $1, 'Bench ' || k, k, 4001, now() FROM unnest(ARRAY['APP', 'API', 'WEB', 'OPS', 'DATA']) AS k`,
      [ws],
    );
    await client.query(
      `INSERT INTO agents (id, workspace_id, name, kind, updated_at) SELECT 'bench-agent-' || n, $1, name, 'custom', now() FROM unnest($2::text[]) WITH ORDINALITY AS a(name, n)`,
      [ws, AGENTS],
    );
    // The year: task i is created at start + i/20,000 of 364 days; its attempt j is handed back j×6 h
    // later and reviewed 2 h after that. The last review accepts, except every 7th task, rejected
    // (reasons in turn); those go to the Leverage lane.
    await client.query(`CREATE TEMP TABLE bench_t ON COMMIT DROP AS
      SELECT i, 'bench-task-' || i AS id, 'bench-board-' || (ARRAY['APP', 'API', 'WEB', 'OPS', 'DATA'])[1 + i % 5] AS board_id,
             1 + (i - 1) / 5 AS number, 'bench-agent-' || (1 + i % 5) AS agent_id, ${REVIEWS_OF} AS reviews,
             (now() - interval '364 days' + (i::float8 / ${DASHBOARD_TASKS}) * interval '364 days')::timestamp(3) AS created,
             i % 7 = 0 AS rejected
      FROM generate_series(1, ${DASHBOARD_TASKS}) AS i`);
    await client.query(
      `INSERT INTO tasks (id, workspace_id, board_id, number, title, lane, status, position, labels, spec, spec_revision, spec_score, spec_author_id, agent_id, loop_count, created_at, updated_at)
       SELECT id, $1, board_id, number, 'Bench task ' || i, (CASE WHEN rejected THEN 'leverage' ELSE 'delegate' END)::"Lane",
              (CASE WHEN rejected THEN 'ready' ELSE 'done' END)::"TaskStatus", lpad(i::text, 8, '0'),
              ARRAY[(ARRAY['bug', 'frontend', 'tests', 'infra', 'docs'])[1 + i % 5]], 'Spec', 1, (37 * i) % 101, $2, agent_id, reviews - 1, created, created
       FROM bench_t`,
      [ws, ownerUserId],
    );
    await client.query(
      `INSERT INTO spec_revisions (id, workspace_id, task_id, number, markdown, score, author_id, created_at)
       SELECT 'bench-rev-' || i, $1, id, 1, 'Spec', (37 * i) % 101, $2, created + interval '10 minutes' FROM bench_t`,
      [ws, ownerUserId],
    );
    await client.query(
      `INSERT INTO review_sessions (id, workspace_id, reviewer_id, started_at, ended_at, last_active_at, created_at, updated_at)
       SELECT 'bench-rs-' || s, $1, $2, now() - interval '364 days' + s * interval '4 hours', now() - interval '364 days' + s * interval '4 hours' + interval '1 hour',
              now() - interval '364 days' + s * interval '4 hours' + interval '1 hour', now(), now()
       FROM generate_series(0, ${REVIEW_SESSIONS - 1}) AS s`,
      [ws, ownerUserId],
    );
    await client.query(`CREATE TEMP TABLE bench_a ON COMMIT DROP AS
      SELECT t.i, t.id AS task_id, t.board_id, t.agent_id, t.rejected, t.reviews, j, t.created + j * interval '6 hours' AS submitted, t.created + j * interval '6 hours' + interval '2 hours' AS reviewed
      FROM bench_t t CROSS JOIN LATERAL generate_series(1, t.reviews) AS j`);
    await client.query(
      `INSERT INTO submissions (id, workspace_id, task_id, agent_id, attempt, source, summary, duration_seconds, cost_cents, created_at, updated_at)
       SELECT 'bench-sub-' || i || '-' || j, $1, task_id, agent_id, j, 'api', 'Attempt', 600 + (i * j) % 3000, 50 + (i * 13 + j) % 900, submitted, submitted FROM bench_a`,
      [ws],
    );
    await client.query(
      `WITH sums AS (SELECT i, sum(50 + (i * 13 + j) % 900)::int AS cost, sum(600 + (i * j) % 3000)::int AS seconds FROM bench_a GROUP BY i)
       INSERT INTO reviews (id, workspace_id, task_id, submission_id, agent_id, submitted_at, reviewer_id, session_id, verdict, reason, loop_count, loop_limit, seconds,
                            attempts, cost_cents, agent_seconds, handoff_score, board_id, spec_author_id, created_at)
       SELECT 'bench-rev-' || a.i || '-' || j, $1, task_id, 'bench-sub-' || a.i || '-' || j, agent_id, submitted, $2, 'bench-rs-' || ((a.i * 13 + j) % ${REVIEW_SESSIONS}),
              (CASE WHEN j < reviews THEN 'request_changes' WHEN rejected THEN 'reject' ELSE 'accept' END)::"Verdict",
              (CASE WHEN j = reviews AND rejected THEN (ARRAY['unclear_spec', 'too_complex', 'agent_error', 'other'])[1 + (a.i / 7) % 4] END)::"RejectReason",
              (CASE WHEN j < reviews THEN j ELSE j - 1 END), 8, 60 + (a.i * j) % 600,
              CASE WHEN j = reviews THEN reviews END, CASE WHEN j = reviews THEN sums.cost END, CASE WHEN j = reviews THEN sums.seconds END,
              CASE WHEN j = reviews THEN (37 * a.i) % 101 END, CASE WHEN j = reviews THEN a.board_id END, CASE WHEN j = reviews THEN $2 END, reviewed
       FROM bench_a a JOIN sums ON sums.i = a.i`,
      [ws, ownerUserId],
    );
    // Status stretches: Ready for an hour, then per attempt In progress until it is handed back and
    // In review until its verdict; then Done (or Ready in the Leverage lane), still open. A Done
    // stretch's cycle began with Ready: the task's creation.
    await client.query(
      `INSERT INTO task_status_spans (id, workspace_id, task_id, lane, status, started_at, ended_at, cycle_from)
       SELECT 'bench-span-r-' || i, $1, id, 'delegate'::"Lane", 'ready'::"TaskStatus", created, created + interval '1 hour', NULL::timestamp FROM bench_t
       UNION ALL
       SELECT 'bench-span-p-' || i || '-' || j, $1, task_id, 'delegate'::"Lane", 'in_progress'::"TaskStatus", CASE WHEN j = 1 THEN submitted - interval '5 hours' ELSE submitted - interval '4 hours' END, submitted, NULL FROM bench_a
       UNION ALL
       SELECT 'bench-span-v-' || i || '-' || j, $1, task_id, 'delegate'::"Lane", 'in_review'::"TaskStatus", submitted, reviewed, NULL FROM bench_a
       UNION ALL
       SELECT 'bench-span-d-' || i, $1, task_id, (CASE WHEN rejected THEN 'leverage' ELSE 'delegate' END)::"Lane", (CASE WHEN rejected THEN 'ready' ELSE 'done' END)::"TaskStatus", reviewed, NULL::timestamp,
              CASE WHEN NOT rejected THEN submitted - (j - 1) * interval '6 hours' - interval '6 hours' END FROM bench_a WHERE j = reviews`,
      [ws],
    );
    // The activity log as the real flow writes it: created, and per attempt submitted and reviewed;
    // every 10th task over-delegated, every 15th past the spec gate.
    await client.query(
      `INSERT INTO task_events (id, workspace_id, task_id, actor_id, type, created_at)
       SELECT 'bench-ev-c-' || i, $1, id, $2, 'created'::text, created FROM bench_t
       UNION ALL SELECT 'bench-ev-o-' || i, $1, id, $2, 'over_delegated', created FROM bench_t WHERE i % 10 = 0
       UNION ALL SELECT 'bench-ev-g-' || i, $1, id, $2, 'gate_overridden', created FROM bench_t WHERE i % 15 = 0
       UNION ALL SELECT 'bench-ev-s-' || i || '-' || j, $1, task_id, NULL::text, 'submitted', submitted FROM bench_a
       UNION ALL SELECT 'bench-ev-v-' || i || '-' || j, $1, task_id, $2, 'reviewed', reviewed FROM bench_a`,
      [ws, ownerUserId],
    );
    // Leverage sessions on rejected tasks: 20 min per phase, two approaches, two interrupts, a note.
    await client.query(`CREATE TEMP TABLE bench_l ON COMMIT DROP AS
      SELECT n, 'bench-ls-' || n AS id, t.id AS task_id, t.created + t.reviews * interval '6 hours' + interval '1 day' AS started
      FROM (SELECT id, created, reviews, row_number() OVER (ORDER BY i) AS n FROM bench_t WHERE rejected) t WHERE n <= ${LEVERAGE_SESSIONS}`);
    await client.query(
      `INSERT INTO leverage_sessions (id, workspace_id, task_id, user_id, state, phase, outcome, started_at, finished_at, ai_linked_at, created_at, updated_at)
       SELECT id, $1, task_id, $2, 'finished', 'refinement', 'Done', started, started + interval '80 minutes', CASE WHEN n % 2 = 0 THEN started END, started, started FROM bench_l`,
      [ws, ownerUserId],
    );
    await client.query(
      `INSERT INTO session_spans (id, workspace_id, session_id, phase, started_at, ended_at)
       SELECT id || '-' || p, $1, id, (ARRAY['discovery', 'design', 'implementation', 'refinement'])[p]::"SessionPhase", started + (p - 1) * interval '20 minutes', started + p * interval '20 minutes'
       FROM bench_l CROSS JOIN generate_series(1, 4) AS p`,
      [ws],
    );
    await client.query(
      `INSERT INTO session_interrupts (id, workspace_id, session_id, phase, category, note, created_at)
       SELECT id || '-i' || k, $1, id, 'implementation', (ARRAY['wrong_pattern', 'wrong_assumption', 'missing_edge_case', 'performance', 'security'])[1 + (n + k) % 5]::"InterruptCategory", 'Stop', started + interval '45 minutes'
       FROM bench_l CROSS JOIN generate_series(1, 2) AS k`,
      [ws],
    );
    await client.query(
      `INSERT INTO session_approaches (id, workspace_id, session_id, name, chosen, created_at)
       SELECT id || '-a' || k, $1, id, 'Approach ' || k, k = 1, started + interval '25 minutes' FROM bench_l CROSS JOIN generate_series(1, 2) AS k`,
      [ws],
    );
    await client.query(
      `INSERT INTO session_ai_events (id, workspace_id, session_id, kind, ai_session_id, phase, created_at)
       SELECT id || '-p' || k, $1, id, 'prompt', 'claude-' || n, 'implementation', started + k * interval '5 minutes' FROM bench_l CROSS JOIN generate_series(1, 6) AS k WHERE n % 2 = 0`,
      [ws],
    );
    await client.query("COMMIT");
    await client.query("ANALYZE");
    const counts = (await client.query<{ reviews: number; tasks: number }>(`SELECT (SELECT count(*) FROM reviews WHERE workspace_id = $1)::int AS reviews, (SELECT count(*) FROM tasks WHERE workspace_id = $1)::int AS tasks`, [ws])).rows[0]!;
    return { workspaceId: ws, ...counts };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
