import type { Metadata } from "next";
import { connection } from "next/server";
import { reinstateUserAction, suspendUserAction } from "@/components/admin/actions";
import { ReasonForm } from "@/components/admin/reason-form";
import { ButtonForm } from "@/components/ui/button-form";
import { ListSearch, listParams, toFirstPageIfPast } from "@/components/admin/list-search";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { StatusBadge } from "@/components/ui/status-badge";
import { Pager } from "@/components/ui/pager";
import { ADMIN_PAGE_SIZE, listUsers } from "@/lib/admin/queries";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateOnly, won } from "@/lib/format";

export const metadata: Metadata = { title: "회원" };

type Props = { searchParams: Promise<{ q?: string; page?: string }> };

export default async function UsersPage({ searchParams }: Props) {
  await connection();
  const admin = await adminOrNotFound();
  const { q, page } = await listParams(searchParams);
  const { rows: users, total } = await listUsers({ minSeq: admin.minSeq }, q || undefined, page);
  toFirstPageIfPast("/admin/users", q, page, users.length);
  return (
    <div>
      <PageTitle title="회원" description="이메일이나 닉네임으로 찾고, 이용을 정지하거나 다시 풀 수 있습니다. 정지하면 그 회원의 판매 글과 구매 입찰이 내려가고, 로그인과 거래를 할 수 없으며, 판매 대금은 정지를 풀 때까지 지급되지 않습니다. 모든 결정은 감사 기록에 남습니다." />
      <ListSearch path="/admin/users" label="회원 검색" placeholder="이메일 또는 닉네임" q={q} />
      {users.length ? (
        <ul className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white" data-testid="admin-users">
          {users.map((u) => (
            <li key={u.id} className="flex flex-wrap items-center gap-3 p-4" data-testid="admin-user">
              <div className="min-w-0 flex-1">
                <p className="font-semibold">
                  {u.nickname}
                  {u.role === "admin" ? <span className="ml-1.5 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700">관리자</span> : null}
                </p>
                <p className="truncate text-sm text-slate-600">{u.email}</p>
                <p className="text-xs text-slate-500">
                  #{u.id} · {dateOnly(u.createdAt)} 가입 · 포인트 {won(u.points)}
                  {u.heldPoints ? ` (보류 ${won(u.heldPoints)})` : ""}
                </p>
              </div>
              <StatusBadge status={u.status} label={u.status === "active" ? "정상" : undefined} />
              {u.id === admin.id ? null : u.status === "active" ? (
                <ReasonForm
                  action={suspendUserAction}
                  values={{ userId: u.id }}
                  label="정지 사유"
                  submit="이용 정지"
                  pendingLabel="정지하는 중…"
                  confirm={`${u.nickname}님의 이용을 정지할까요? 판매 글과 구매 입찰이 모두 내려가고, 로그인 중인 기기에서도 바로 로그아웃됩니다.`}
                  testId="suspend-user"
                />
              ) : (
                <ButtonForm action={reinstateUserAction} values={{ userId: u.id }} variant="secondary" pendingLabel="푸는 중…">
                  정지 해제
                </ButtonForm>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon="👤" title={q ? `‘${q}’에 맞는 회원이 없습니다` : "회원이 없습니다"} />
      )}
      <Pager path="/admin/users" page={page} pageSize={ADMIN_PAGE_SIZE} total={total} params={{ q }} />
    </div>
  );
}
