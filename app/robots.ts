import type { MetadataRoute } from "next";
import { config } from "@/lib/config";

export const dynamic = "force-dynamic";

// Public pages are for search engines; account, admin, the API and the internal browse route are not.
export default function robots(): MetadataRoute.Robots {
  const site = config().SITE_URL;
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/me", "/orders", "/points", "/sell", "/admin", "/api/", "/browse/"] }],
    sitemap: `${site}/sitemap.xml`,
    host: site,
  };
}
