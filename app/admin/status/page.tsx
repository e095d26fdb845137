import type { Metadata } from "next";
import { connection } from "next/server";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateTime, num } from "@/lib/format";
import { health } from "@/lib/ops/health";

export const metadata: Metadata = { title: "시스템 상태" };

const COUNTER_LABELS: Record<string, string> = {
  cacheHit: "캐시 적중",
  cacheMiss: "캐시 미스",
  cacheStaleServed: "오래된 캐시 제공 (DB 장애 시)",
  cacheRefillRefused: "오래된 복제본으로 채우기 거부 (펜스)",
  cacheError: "캐시 오류",
  deltasApplied: "캐시에 반영한 변경",
  cacheDeltasRefill: "순서가 바뀌어 다시 읽은 목록",
  waitOk: "복제 대기 후 복제본에서 읽음",
  waitTimeout: "복제 대기 시간 초과 → 다른 노드",
  nodeErrors: "노드 오류 → 다른 노드로 재시도",
};

const ms = (v: number | null) => (v === null ? "—" : v < 1000 ? `${Math.round(v)}ms` : `${(v / 1000).toFixed(1)}초`);
const Dot = ({ ok }: { ok: boolean | null | undefined }) => (
  <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${ok ? "bg-brand-500" : ok === false ? "bg-rose-500" : "bg-slate-300"}`} />
);

export default async function StatusPage() {
  await connection();
  await adminOrNotFound();
  const h = await health();
  const reads = h.reads.readsByNode;
  const totalReads = Object.values(reads).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-5">
      <PageTitle
        title="시스템 상태"
        description="데이터베이스 노드(주 서버와 복제본), 캐시, 그리고 읽기가 어디로 갔는지 보여 줍니다. 이 앱 인스턴스 기준입니다."
        actions={<AutoRefresh checkedAt={h.checkedAt} seconds={3} />}
      />
      <p
        role="status"
        data-testid="health-status"
        data-status={h.status}
        className={`rounded-2xl px-4 py-3 text-sm font-semibold ${h.status === "ok" ? "bg-brand-50 text-brand-700" : "bg-rose-50 text-rose-700"}`}
      >
        {h.status === "ok" ? "✓ 모든 노드와 캐시가 정상입니다." : "⚠️ 일부 노드나 캐시에 문제가 있습니다. 읽기는 다른 노드로 돌아가고 있습니다."}
      </p>

      <section aria-labelledby="nodes-heading">
        <h2 id="nodes-heading" className="mb-2 font-bold">
          데이터베이스 노드
        </h2>
        <ul className="grid gap-3 md:grid-cols-3" data-testid="health-nodes">
          {h.nodes.map((n) => (
            <li key={n.name} className={cardClass} data-testid="health-node" data-node={n.name}>
              <div className="flex items-center justify-between gap-2">
                <p className="flex items-center gap-2 font-bold">
                  <Dot ok={n.reachable} />
                  {n.name}
                </p>
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${n.role === "primary" ? "bg-violet-50 text-violet-700" : "bg-sky-50 text-sky-700"}`}>
                  {n.role === "primary" ? "주 서버 (쓰기)" : "복제본 (읽기)"}
                </span>
              </div>
              <p className="mt-1 truncate font-mono text-xs text-slate-500">{n.address}</p>
              <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-1.5 text-sm">
                <dt className="text-slate-500">연결</dt>
                <dd>{n.reachable ? "정상" : <span className="text-rose-600">끊김</span>}</dd>
                <dt className="text-slate-500">GTID 위치</dt>
                <dd className="font-mono text-xs leading-5">{n.gtid ?? "—"}</dd>
                {n.role === "replica" ? (
                  <>
                    <dt className="text-slate-500">지연</dt>
                    <dd className="tabular-nums" data-testid="node-lag">
                      {ms(n.lagMs)}
                      {n.behindTransactions ? ` · ${num(n.behindTransactions)}건 뒤` : ""}
                    </dd>
                    <dt className="text-slate-500">읽기 투입</dt>
                    <dd>{n.fitForReads ? "투입 중" : <span className="text-amber-700">제외 (지연·장애)</span>}</dd>
                    <dt className="text-slate-500">복제 스레드</dt>
                    <dd className="text-xs leading-5">
                      {n.replication ? (
                        <>
                          <span className="flex items-center gap-1">
                            <Dot ok={n.replication.ioRunning} /> IO {n.replication.ioRunning ? "실행 중" : "멈춤"}
                          </span>
                          <span className="flex items-center gap-1">
                            <Dot ok={n.replication.sqlRunning} /> SQL {n.replication.sqlRunning ? "실행 중" : "멈춤"}
                          </span>
                          {n.replication.configuredDelaySeconds ? <span>설정된 지연 {n.replication.configuredDelaySeconds}초</span> : null}
                        </>
                      ) : (
                        "—"
                      )}
                    </dd>
                  </>
                ) : null}
                <dt className="text-slate-500">읽기 횟수</dt>
                <dd className="tabular-nums">
                  {num(reads[n.name] ?? 0)}
                  {totalReads ? <span className="text-xs text-slate-500"> ({Math.round(((reads[n.name] ?? 0) / totalReads) * 100)}%)</span> : null}
                </dd>
              </dl>
              {n.error || n.replication?.lastError ? <p className="mt-2 break-words text-xs text-rose-600">{n.error ?? n.replication?.lastError}</p> : null}
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-5 md:grid-cols-2">
        <section className={cardClass} aria-labelledby="cache-heading" data-testid="health-cache">
          <h2 id="cache-heading" className="mb-2 flex items-center gap-2 font-bold">
            <Dot ok={h.cache.reachable} /> 캐시 (Redis)
          </h2>
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1.5 text-sm">
            <dt className="text-slate-500">연결</dt>
            <dd>
              {h.cache.reachable ? "정상" : <span className="text-rose-600">끊김</span>} · {h.cache.transport}
              {h.cache.latencyMs !== null ? ` · ${h.cache.latencyMs}ms` : ""}
            </dd>
            <dt className="text-slate-500">사용</dt>
            <dd>{h.cache.enabled ? "켜짐" : "꺼짐"}</dd>
            <dt className="text-slate-500">적중률</dt>
            <dd className="tabular-nums" data-testid="cache-hit-ratio">
              {h.reads.cacheHitRatio === null ? "—" : `${(h.reads.cacheHitRatio * 100).toFixed(1)}%`}
            </dd>
            <dt className="text-slate-500">회로 차단기</dt>
            <dd>
              {h.cache.breaker.open ? <span className="text-rose-600">열림 (캐시 우회 중)</span> : "닫힘 (정상)"}
              {h.cache.breaker.failures ? ` · 실패 ${num(h.cache.breaker.failures)}회` : ""}
            </dd>
            <dt className="text-slate-500">반영 대기 변경</dt>
            <dd className="tabular-nums">{num(h.cache.outbox.pending ?? 0)}건</dd>
          </dl>
          {h.cache.error ? <p className="mt-2 text-xs text-rose-600">{h.cache.error}</p> : null}
        </section>

        <section className={cardClass} aria-labelledby="reads-heading">
          <h2 id="reads-heading" className="mb-2 font-bold">
            읽기 경로
          </h2>
          <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1.5 text-sm" data-testid="health-counters">
            {Object.entries(COUNTER_LABELS).map(([k, label]) => (
              <div key={k} className="contents">
                <dt className="text-slate-600">{label}</dt>
                <dd className="text-right tabular-nums">{num(h.reads.counters[k] ?? 0)}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-3 text-xs text-slate-500">
            {dateTime(h.reads.since)}부터 · 복제본 허용 지연 {ms(h.settings.replicaMaxLagMs)} · 복제 대기 최대{" "}
            {ms(h.settings.readWaitMs)}
          </p>
        </section>
      </div>
    </div>
  );
}
