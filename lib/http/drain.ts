// Whether this process is shutting down (server.ts sets it on SIGTERM): /api/health/live then answers 503,
// so a load balancer stops sending new requests while the running ones finish. Kept on globalThis because
// server.ts and the route handlers live in different bundles of one process.
const DRAINING = Symbol.for("gx.draining");
type Flagged = typeof globalThis & { [DRAINING]?: boolean };

export const startDraining = () => void ((globalThis as Flagged)[DRAINING] = true);
export const isDraining = () => (globalThis as Flagged)[DRAINING] === true;
