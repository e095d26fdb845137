import { connection, type NextRequest } from "next/server";
import { canSeeHealthDetail } from "@/lib/ops/health-access";
import { health } from "@/lib/ops/health";

// GET /api/health: {status} for anyone (load balancers, uptime checks); with an admin session or
// `Authorization: Bearer $OPS_TOKEN` also every node (role, reachability, GTID position, replication and
// lag), Redis, and where reads were routed. 200 when every node answers and every replica replicates; 503
// with the same body if not.
export async function GET(req: NextRequest) {
  await connection();
  const body = await health();
  const status = body.status === "ok" ? 200 : 503;
  const headers = { "Cache-Control": "no-store" };
  if (!(await canSeeHealthDetail(req.headers))) return Response.json({ status: body.status }, { status, headers });
  return Response.json(body, { status, headers });
}
