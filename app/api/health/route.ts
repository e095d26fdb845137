import { connection } from "next/server";
import { health } from "@/lib/ops/health";

// GET /api/health: every node (role, reachability, GTID position, replication and lag), Redis, and where
// reads were routed. 200 when every node answers and every replica replicates; 503 with the same body if not.
export async function GET() {
  await connection();
  const body = await health();
  return Response.json(body, { status: body.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
