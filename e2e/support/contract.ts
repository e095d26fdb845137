import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// Checks real responses against the OpenAPI document (/api/openapi.json, generated from the same zod
// schemas the routes validate with). The API tests' client (api-client.ts) runs every response it gets
// through `check`, so a response shape that drifts from the contract fails the test that saw it.

type Json = Record<string, any>;
type Op = { pattern: RegExp; method: string; path: string; responses: Json };

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

export class Contract {
  private readonly ops: Op[];
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly doc: Json) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: "doc", components: doc.components ?? {} });
    this.ops = [];
    for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
      // {id} is one segment; the most literal path wins (e.g. /api/auth/csrf before /api/auth/{provider}).
      const pattern = new RegExp(`^${path.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}$`);
      for (const [method, op] of Object.entries<Json>(item)) this.ops.push({ pattern, method: method.toUpperCase(), path, responses: op.responses ?? {} });
    }
    this.ops.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
  }

  /** The documented operation that a request would reach, if any. */
  operation(method: string, pathname: string): Op | undefined {
    return this.ops.find((o) => o.method === method.toUpperCase() && o.pattern.test(pathname));
  }

  /**
   * The problems of one response against the document (empty: it conforms). A request the document does
   * not describe (a fuzzed path or method) has no contract to meet.
   */
  check(method: string, url: string, res: { status: number; headers: Headers; text: string; body: unknown }): string[] {
    const pathname = new URL(url, "http://x").pathname;
    const op = this.operation(method, pathname);
    if (!op) return [];
    // A redirect the document does not name (the router's, e.g. for an RSC request) carries no body to check.
    if (res.status >= 300 && res.status < 400 && !(String(res.status) in op.responses)) return [];
    const spec = op.responses[String(res.status)] ?? op.responses.default;
    const where = `${method} ${pathname} → ${res.status} (${op.method} ${op.path})`;
    if (!spec) return [`${where}: status not in the document`];
    const content: Json | undefined = spec.content;
    if (!content) return [];
    const type = (res.headers.get("content-type") ?? "").split(";")[0].trim();
    const json = content["application/json"];
    if (!json) return [];
    // A documented JSON response that is not JSON breaks the contract (a redirect has no content spec).
    if (!type.includes("json")) return [`${where}: expected application/json, got "${type}"`];
    const key = `${op.method} ${op.path} ${res.status in op.responses ? res.status : "default"}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(json.schema) as object);
      this.validators.set(key, validate);
    }
    if (validate(res.body)) return [];
    return [`${where}: ${this.ajv.errorsText(validate.errors, { separator: "; " })} — body: ${res.text.slice(0, 400)}`];
  }
}

/** $refs of the document point into #/components; inside ajv they point at the registered "doc" schema. */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema ?? {}).replace(/"\$ref":"#\/components\//g, '"$ref":"doc#/components/'));
}

const loaded = new Map<string, Promise<Contract>>();

/** The document as the server at baseURL serves it, fetched once per process. */
export function contractOf(baseURL: string): Promise<Contract> {
  let p = loaded.get(baseURL);
  if (!p) {
    p = fetch(new URL("/api/openapi.json", baseURL)).then(async (r) => {
      if (r.status !== 200) throw new Error(`GET /api/openapi.json: ${r.status}`);
      return new Contract(await r.json());
    });
    p.catch(() => loaded.delete(baseURL));
    loaded.set(baseURL, p);
  }
  return p;
}
