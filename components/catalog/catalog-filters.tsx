import Form from "next/form";
import { SORTS, VALIDITY_FILTERS } from "@/lib/catalog/categories";
import type { BrandSummary } from "@/lib/catalog/queries";
import { inputClass } from "@/components/ui/styles";
import { AutoSubmitSelect } from "./auto-submit-select";
import type { BrowseParams } from "./browse-href";

// Brand and sort for the browse page, as a GET form: the URL holds the whole view (shareable, back button).
export function CatalogFilters({ params, brands }: { params: BrowseParams; brands: BrandSummary[] }) {
  return (
    <Form key={JSON.stringify(params)} action="/products" className="flex flex-wrap items-end gap-2" aria-label="필터와 정렬">
      {params.q ? <input type="hidden" name="q" value={params.q} /> : null}
      {params.category ? <input type="hidden" name="category" value={params.category} /> : null}
      <div className="min-w-36 flex-1 sm:flex-none">
        <label htmlFor="filter-brand" className="mb-1 block text-xs font-medium text-slate-600">
          브랜드
        </label>
        <AutoSubmitSelect id="filter-brand" name="brand" defaultValue={params.brand ?? ""} className={inputClass}>
          <option value="">전체 브랜드</option>
          {brands.map((b) => (
            <option key={b.id} value={b.slug}>
              {b.name}
            </option>
          ))}
        </AutoSubmitSelect>
      </div>
      <div className="min-w-36 flex-1 sm:flex-none">
        <label htmlFor="filter-sort" className="mb-1 block text-xs font-medium text-slate-600">
          정렬
        </label>
        <AutoSubmitSelect id="filter-sort" name="sort" defaultValue={params.sort ?? (params.q ? "relevance" : "popular")} className={inputClass}>
          {Object.entries(SORTS)
            .filter(([k]) => k !== "relevance" || params.q)
            .map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </AutoSubmitSelect>
      </div>
      <div className="min-w-36 flex-1 sm:flex-none">
        <label htmlFor="filter-valid" className="mb-1 block text-xs font-medium text-slate-600">
          유효기간
        </label>
        <AutoSubmitSelect id="filter-valid" name="valid" defaultValue={params.valid ?? ""} className={inputClass}>
          <option value="">전체</option>
          {Object.entries(VALIDITY_FILTERS).map(([k, label]) => (
            <option key={k} value={k}>
              {label} 남은 것
            </option>
          ))}
        </AutoSubmitSelect>
      </div>
      <noscript>
        <button type="submit" className="rounded-xl border border-slate-300 bg-white px-4 py-2.5 text-sm font-semibold">
          적용
        </button>
      </noscript>
    </Form>
  );
}
