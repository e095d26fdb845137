import { connection, type NextRequest } from "next/server";
import { describeError } from "@/lib/errors";
import { hasOpsToken } from "@/lib/ops/health-access";
import { metrics } from "@/lib/ops/metrics";
import { refreshRowCounts } from "@/lib/ops/row-counts";

// GET /api/metrics: this process's metrics in Prometheus's text format, for `Authorization: Bearer
// $OPS_TOKEN` only (ops/prometheus/prometheus.yml scrapes it). Without the token: 401, and nothing about
// the process.
export async function GET(req: NextRequest) {
  await connection();
  if (!hasOpsToken(req.headers)) {
    return Response.json(
      { error: { code: "ops_token_required", message: "Authorization: Bearer <OPS_TOKEN> 가 필요합니다." } },
      { status: 401, headers: { "Cache-Control": "no-store", "WWW-Authenticate": 'Bearer realm="metrics"' } },
    );
  }
  await refreshRowCounts().catch((e: unknown) => console.error("[metrics] row counts:", describeError(e)));
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
}
