// How an app process is started (scripts/serve.mjs says why the flag): for the launchers written in
// TypeScript — the Playwright web servers and specs that start instances of their own, and the benchmarks.
// scripts/start.sh spells the same command line (SERVE), and serve.mjs warns when it is started without the flag.
export const SERVE_ARGS = ["--max-semi-space-size=64", "scripts/serve.mjs"];
