// Runs once when a server process starts: the background work every app instance does.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackground } = await import("./lib/ops/background");
  // Next.js waits for register() before serving: the first requests find the pools open.
  await startBackground();
}
