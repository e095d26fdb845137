// For scripts run outside Next.js (migrate, seed, benchmarks): read .env files the way Next.js does.
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });
