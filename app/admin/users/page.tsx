import type { Metadata } from "next";
import Form from "next/form";
import { connection } from "next/server";
import { setUserStatusAction } from "@/components/admin/actions";
import { ButtonForm } from "@/components/ui/button-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { StatusBadge } from "@/components/ui/status-badge";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { listUsers } from "@/lib/admin/queries";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateOnly, won } from "@/lib/format";

export const metadata: Metadata = { title: "회원" };

type Props = { searchParams: Promise<{ q?: string }> };

export default async function UsersPage({ searchParams }: Props) {
  await connection();
  const admin = await adminOrNotFound();
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw.trim().slice(0, 60) : "";
  const users = await listUsers({ minSeq: admin.minSeq }, q || undefined);
  return (
    <div>
      <PageTitle title="회원" description="이메일이나 닉네임으로 찾고, 이용을 정지하거나 다시 풀 수 있습니다. 정지된 회원은 로그인하거나 거래할 수 없습니다." />
      <Form action="/admin/users" role="search" className="mb-4 flex gap-2">
        <label htmlFor="user-q" className="sr-only">
          회원 검색
        </label>
        <input id="user-q" name="q" type="search" defaultValue={q} placeholder="이메일 또는 닉네임" className={inputClass} />
        <button type="submit" className={buttonClass("primary")}>
          검색
        </button>
      </Form>
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
              {u.id !== admin.id ? (
                <ButtonForm
                  action={setUserStatusAction}
                  values={{ userId: u.id, status: u.status === "active" ? "suspended" : "active" }}
                  variant={u.status === "active" ? "danger" : "secondary"}
                  confirm={u.status === "active" ? `${u.nickname}님의 이용을 정지할까요? 로그인과 거래를 할 수 없게 됩니다.` : undefined}
                >
                  {u.status === "active" ? "이용 정지" : "정지 해제"}
                </ButtonForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon="👤" title={`‘${q}’에 맞는 회원이 없습니다`} />
      )}
    </div>
  );
}
