import { connection } from "next/server";
import { isDraining } from "@/lib/http/drain";

// GET /api/health/live: 200 while this process takes requests — what a load balancer's health check asks
// (scripts/lb.sh); 503 once it is draining (SIGTERM, server.ts). It checks no database or Redis on purpose:
// their outages are shared by every instance (GET /api/health reports them), and taking every instance out
// of the pool would turn a degraded site into no site.
export async function GET() {
  await connection();
  const draining = isDraining();
  return Response.json({ status: draining ? "draining" : "live" }, { status: draining ? 503 : 200, headers: { "Cache-Control": "no-store" } });
}
