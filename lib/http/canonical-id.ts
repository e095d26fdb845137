// The one spelling of an id in a URL: a positive integer in decimal, without sign, leading zeros, exponent,
// fraction or spaces. "/products/18" is product 18; "/products/018", "/products/0x12", "/products/18e0" and
// "/products/%31%38" name nothing (a 404), so one product has one page and one entry in the page cache.

const CANONICAL = /^[1-9]\d{0,15}$/;
// proxy.ts's matcher lets ids of up to 15 digits skip the proxy with a literal copy of this pattern;
// tests/http/canonical-routes.test.ts checks that nothing else skips it.

/** The id a path segment spells canonically, or null. */
export function canonicalId(raw: string | undefined): number | null {
  if (!raw || !CANONICAL.test(raw)) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : null;
}
