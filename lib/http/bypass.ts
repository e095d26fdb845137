import "server-only";
import { headers } from "next/headers";
import { config } from "@/lib/config";

/** True when this request asks to skip the cache and the deployment allows it (benchmarks only). */
export async function cacheBypassRequested(): Promise<boolean> {
  if (!config().ALLOW_CACHE_BYPASS) return false;
  return (await headers()).get("x-gx-bypass-cache") === "1";
}
