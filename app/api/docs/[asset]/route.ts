import { readFile } from "node:fs/promises";
import { join } from "node:path";
import getAbsoluteFSPath from "swagger-ui-dist/absolute-path.js";

// The reference page's files, read from the installed swagger-ui-dist (a fixed list: nothing else of
// node_modules is reachable), plus the line that starts it. swagger-ui-dist is a server external package
// (next.config.ts), so the folder is the one npm installed.
const FILES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const INIT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });`;

export async function GET(_req: Request, route: { params: Promise<{ asset: string }> }) {
  const { asset } = await route.params;
  const headers = { "Cache-Control": "public, max-age=3600" };
  if (asset === "init.js") return new Response(INIT, { headers: { ...headers, "Content-Type": "text/javascript; charset=utf-8" } });
  const type = Object.hasOwn(FILES, asset) ? FILES[asset] : undefined;
  if (!type) return Response.json({ error: { code: "not_found", message: "없는 파일입니다." } }, { status: 404 });
  const body = await readFile(join(getAbsoluteFSPath(), asset));
  return new Response(new Uint8Array(body), { headers: { ...headers, "Content-Type": type } });
}
