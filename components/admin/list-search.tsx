import Form from "next/form";
import { redirect } from "next/navigation";
import { pageParam } from "@/components/ui/pager";
import { buttonClass, inputClass } from "@/components/ui/styles";

/** An admin list's ?q= (trimmed, at most 60 characters) and ?page= (a whole number ≥ 1). */
export async function listParams(searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>) {
  const sp = await searchParams;
  return { q: typeof sp.q === "string" ? sp.q.trim().slice(0, 60) : "", page: pageParam(sp.page) };
}

/**
 * A page past the last one (an old link, a hand-typed ?page=) shows nothing and counts nothing (the total
 * comes with the rows): it goes to the first page of the same search instead.
 */
export function toFirstPageIfPast(path: string, q: string, page: number, rows: number) {
  if (page > 1 && rows === 0) redirect(q ? `${path}?${new URLSearchParams({ q })}` : path);
}

/** The search box above an admin list: a GET form to the list's own path that keeps the query. */
export function ListSearch({ path, label, placeholder, q }: { path: string; label: string; placeholder: string; q: string }) {
  const id = `${path.split("/").pop()}-q`;
  return (
    <Form action={path} role="search" className="mb-4 flex gap-2">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input id={id} name="q" type="search" defaultValue={q} placeholder={placeholder} className={inputClass} />
      <button type="submit" className={buttonClass("primary")}>
        검색
      </button>
    </Form>
  );
}
