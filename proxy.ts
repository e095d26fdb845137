import { NextResponse, type NextRequest } from "next/server";
import { canonicalId } from "@/lib/http/canonical-id";
import { browseKey, browsePath } from "@/lib/catalog/browse-key";

// 1. Pages addressed by an id answer only to its canonical spelling (lib/http/canonical-id.ts): anything else
//    gets the site's 404 page before the page, its data or the page cache are touched, so aliases such as
//    /products/018 can neither show a stale copy nor fill the cache. (The JSON API's ids are checked by
//    lib/http/params.ts pathId, percent-encoded paths by server.ts.)
// 2. The browse and search page, /products?q=…&sort=…, is served from the page cache like a product page:
//    its query is written into the path of an internal route (/browse/<key>, lib/catalog/browse-key.ts),
//    one cached render per canonical query, exactly as fresh as the catalog (page version "/products").
//    The internal route itself is not a public address (404 when asked for directly).
export function proxy(req: NextRequest) {
  const { pathname, searchParams } = req.nextUrl;
  if (pathname === "/products") return NextResponse.rewrite(new URL(browsePath(browseKey(searchParams)), req.url));
  const [, first, segment] = pathname.split("/");
  if (first !== "browse" && canonicalId(segment) !== null) return NextResponse.next();
  // A path no route matches: Next.js renders app/not-found.tsx with status 404.
  return NextResponse.rewrite(new URL("/_not-a-page", req.url));
}

// Every page route with an id segment (tests/http/canonical-routes.test.ts checks that none is missing), for
// the spellings that are not an id of up to 15 digits: those (every real page) never run the proxy, which
// costs about a fifth of a cached product page's time (0.2 ms of 1 ms a request, measured with autocannon).
// Longer ids still come here, where canonicalId() decides (beyond 2^53 two spellings are one number).
// Literal strings: Next.js reads the matcher from the source at build time.
export const config = {
  matcher: [
    "/products",
    "/products/:id((?![1-9][0-9]{0,14}$).*)",
    "/sellers/:id((?![1-9][0-9]{0,14}$).*)",
    "/orders/:id((?![1-9][0-9]{0,14}$).*)",
    "/browse/:id",
  ],
};
