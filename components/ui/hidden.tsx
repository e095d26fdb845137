// Hidden form fields from a plain object (ids, the idempotency key).
export function Hidden({ values }: { values: Record<string, string | number | undefined | null> }) {
  return (
    <>
      {Object.entries(values).map(([k, v]) => (v === undefined || v === null ? null : <input key={k} type="hidden" name={k} value={String(v)} />))}
    </>
  );
}
