import type { Metadata } from "next";
import Form from "next/form";
import { connection } from "next/server";
import { CreateBrandForm, CreateProductForm, EditProductForm } from "@/components/admin/admin-forms";
import { EmptyState } from "@/components/ui/empty-state";
import { IntentLink } from "@/components/ui/intent-link";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { Pager, pageParam } from "@/components/ui/pager";
import { listBrandsForAdmin, listProductsForAdmin } from "@/lib/admin/queries";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import { adminOrNotFound } from "@/lib/forms/guard";
import { num, won } from "@/lib/format";

export const metadata: Metadata = { title: "카탈로그" };

type Props = { searchParams: Promise<{ q?: string; page?: string }> };
const SHOWN = 40;

export default async function CatalogAdminPage({ searchParams }: Props) {
  await connection();
  const { minSeq } = await adminOrNotFound();
  const sp = await searchParams;
  const raw = sp.q;
  const q = typeof raw === "string" ? raw.trim().slice(0, 60) : "";
  const page = pageParam(sp.page);
  const [brands, products] = await Promise.all([listBrandsForAdmin({ minSeq }), listProductsForAdmin({ minSeq })]);
  // The catalog can hold thousands of products: edit forms only for a search's matches, or the newest.
  const needle = q.toLowerCase();
  const matches = needle
    ? products.filter((p) => [p.name, p.nameEn, p.brandName, String(p.id)].some((s) => s.toLowerCase().includes(needle)))
    : [...products].sort((a, b) => b.id - a.id);
  const shown = matches.slice((page - 1) * SHOWN, page * SHOWN);
  return (
    <div className="space-y-5">
      <PageTitle
        title="카탈로그"
        description={`브랜드 ${num(brands.length)}개 · 상품 ${num(products.length)}개. 중지한 상품은 목록과 검색에서 빠지고 새로 팔 수 없습니다.`}
      />
      <div className="grid gap-5 lg:grid-cols-2">
        <section className={cardClass} aria-labelledby="new-product">
          <h2 id="new-product" className="mb-3 font-bold">
            상품 추가
          </h2>
          <CreateProductForm brands={brands.map((b) => ({ id: b.id, name: `${b.name} (${CATEGORY_LABELS[b.category]})` }))} />
        </section>
        <section className={cardClass} aria-labelledby="new-brand">
          <h2 id="new-brand" className="mb-3 font-bold">
            브랜드 추가
          </h2>
          <CreateBrandForm />
        </section>
      </div>

      <section aria-labelledby="product-list" className={cardClass}>
        <h2 id="product-list" className="mb-3 font-bold">
          상품 수정
        </h2>
        <Form action="/admin/catalog" role="search" className="mb-3 flex gap-2">
          <label htmlFor="catalog-q" className="sr-only">
            상품 찾기
          </label>
          <input id="catalog-q" name="q" type="search" defaultValue={q} placeholder="상품·브랜드 이름(한글/영문) 또는 번호" className={inputClass} />
          <button type="submit" className={buttonClass("primary")}>
            찾기
          </button>
        </Form>
        <p className="mb-2 text-xs text-slate-500">
          {q ? `‘${q}’: ${num(matches.length)}개` : "최근 추가된 상품"}
          {matches.length > SHOWN ? ` 중 ${SHOWN}개씩 표시` : ""}
        </p>
        {shown.length ? (
          <ul className="divide-y divide-slate-100">
            {shown.map((p) => (
              <li key={p.id} className="py-3" data-testid="admin-product">
                <p className="mb-2 text-xs text-slate-500">
                  #{p.id} {p.emoji} {p.brandName} · {p.nameEn} · {won(p.faceValue)}
                  {p.active ? (
                    <>
                      {" · "}
                      <IntentLink href={`/products/${p.id}`} className="text-brand-700 hover:underline">
                        상품 페이지
                      </IntentLink>
                    </>
                  ) : (
                    " · 중지됨"
                  )}
                </p>
                <EditProductForm product={{ id: p.id, name: p.name, faceValue: p.faceValue, active: p.active }} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState icon="🔍" title={`‘${q}’에 맞는 상품이 없습니다`} />
        )}
        <Pager path="/admin/catalog" page={page} pageSize={SHOWN} total={matches.length} params={{ q }} />
      </section>
    </div>
  );
}
