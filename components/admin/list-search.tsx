import Form from "next/form";
import { pageParam } from "@/components/ui/pager";
import { buttonClass, inputClass } from "@/components/ui/styles";

/** An admin list's ?q= (trimmed, at most 60 characters) and ?page= (a whole number ≥ 1). */
export async function listParams(searchParams: Promise<{ q?: string | string[]; page?: string | string[] }>) {
  const sp = await searchParams;
  return { q: typeof sp.q === "string" ? sp.q.trim().slice(0, 60) : "", page: pageParam(sp.page) };
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
