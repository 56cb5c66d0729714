// Runs once when a server instance starts (Next.js instrumentation): the background job workers
// (lib/jobs/worker.ts) start with it, so every instance takes its share of the jobs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.BATON_JOBS === "off") return;
  const { startJobWorkers } = await import("./lib/jobs/worker");
  await startJobWorkers();
}
