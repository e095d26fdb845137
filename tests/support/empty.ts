// Stands in for the `server-only` marker package under Vitest (tests run on the server anyway).
export {};
