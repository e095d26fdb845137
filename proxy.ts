import { NextResponse, type NextRequest } from "next/server";
import { canonicalId } from "@/lib/http/canonical-id";

// Pages addressed by an id answer only to its canonical spelling (lib/http/canonical-id.ts): anything else
// gets the site's 404 page before the page, its data or the page cache are touched, so aliases such as
// /products/018 can neither show a stale copy nor fill the cache. (The JSON API's ids are checked by
// lib/http/params.ts pathId, percent-encoded paths by server.ts.)
export function proxy(req: NextRequest) {
  const segment = req.nextUrl.pathname.split("/")[2];
  if (canonicalId(segment) !== null) return NextResponse.next();
  // A path no route matches: Next.js renders app/not-found.tsx with status 404.
  return NextResponse.rewrite(new URL("/_not-a-page", req.url));
}

// Every page route with an id segment (tests/http/canonical-routes.test.ts checks that none is missing).
export const config = { matcher: ["/products/:id", "/sellers/:id", "/orders/:id"] };
