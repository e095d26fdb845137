import type { MetadataRoute } from "next";
import { config } from "@/lib/config";
import { CATEGORIES } from "@/db/schema";
import { searchIndex } from "@/lib/search/queries";

// Read at request time (the catalog changes; the build has no database to read).
export const dynamic = "force-dynamic";

/** sitemap.xml: the home, browse and feed pages, each category, and every active product. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const site = config().SITE_URL;
  const { data } = await searchIndex();
  return [
    { url: `${site}/`, changeFrequency: "hourly", priority: 1 },
    { url: `${site}/products`, changeFrequency: "hourly", priority: 0.8 },
    { url: `${site}/new`, changeFrequency: "hourly", priority: 0.6 },
    ...CATEGORIES.map((c) => ({ url: `${site}/products?category=${c}`, changeFrequency: "daily" as const, priority: 0.6 })),
    ...data.docs.map((p) => ({ url: `${site}/products/${p.id}`, changeFrequency: "hourly" as const, priority: 0.7 })),
  ];
}
