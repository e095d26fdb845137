import type { Metadata } from "next";
import { connection } from "next/server";
import { AddSearchAliasForm, RemoveSearchAliasForm } from "@/components/admin/search-alias-forms";
import { PageTitle } from "@/components/ui/page-title";
import { cardClass } from "@/components/ui/styles";
import { adminOrNotFound } from "@/lib/forms/guard";
import { num } from "@/lib/format";
import { listAliasesForAdmin } from "@/lib/search/queries";

export const metadata: Metadata = { title: "검색 줄임말" };

export default async function SearchAliasesPage() {
  await connection();
  const { minSeq } = await adminOrNotFound();
  const aliases = await listAliasesForAdmin(minSeq);
  return (
    <div className="space-y-5">
      <PageTitle
        title="검색 줄임말"
        description={`검색이 알아듣는 줄임말과 별명 ${num(aliases.length)}개. ‘스벅’을 찾으면 ‘스타벅스’를 찾은 것과 같습니다. 바꾸면 검색 결과와 추천에 바로 반영됩니다.`}
      />
      <section className={cardClass} aria-labelledby="alias-new">
        <h2 id="alias-new" className="mb-3 font-bold">
          줄임말 추가
        </h2>
        <AddSearchAliasForm />
      </section>
      <section className={cardClass} aria-labelledby="alias-list">
        <h2 id="alias-list" className="mb-3 font-bold">
          등록된 줄임말
        </h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-600">
              <th scope="col" className="py-1.5">줄임말</th>
              <th scope="col" className="py-1.5">뜻</th>
              <th scope="col" className="py-1.5 text-right">
                <span className="sr-only">지우기</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {aliases.map((a) => (
              <tr key={a.id} data-testid="search-alias">
                <td className="py-2 font-medium">{a.alias}</td>
                <td className="py-2">{a.expansion}</td>
                <td className="py-2 text-right">
                  <RemoveSearchAliasForm aliasId={a.id} label={`줄임말 ${a.alias}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
