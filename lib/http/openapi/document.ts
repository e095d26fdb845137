import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { errorBody } from "./responses";
import { operations, type Operation } from "./routes";

// The OpenAPI 3.1 document of the HTTP API, generated from the route table (./routes.ts) and so from the
// same zod schemas the handlers validate with. Served at /api/openapi.json, shown at /api/docs.

const error = (description: string) => ({ description, content: { "application/json": { schema: errorBody } } });

/** The errors every operation of a kind can answer (besides its own successes). */
function errorsOf(op: Operation) {
  const out: Record<string, ReturnType<typeof error>> = {};
  if (op.body || op.query || op.method !== "get") out[400] = error("Invalid input (fields says which), malformed JSON or a wrong media type");
  if (op.access === "user" || op.access === "admin") out[401] = error("Not signed in (sign_in_required)");
  if (op.access === "admin") out[403] = error("Not an admin (admin_only), or the admin's own case (own_case)");
  if (op.access === "ops") out[401] = error("Missing or wrong ops token");
  if (op.method !== "get") out[403] ??= error("A cross-site request, a suspended account, or not the owner");
  if (op.path.includes("{")) out[404] = error("Nothing with that id (or not yours)");
  if (op.method !== "get" && op.access !== "public") out[409] = error("The state changed (sold, price changed, busy, not enough points…)");
  out[429] = error("Rate limited: see Retry-After");
  out[503] = error("The primary database is unavailable (writes), or a dependency is down");
  return out;
}

function pathParams(path: string) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (!names.length) return undefined;
  return z.object(Object.fromEntries(names.map((n) => [n, z.string().meta({ description: n === "id" || n.endsWith("Id") ? "A positive integer id" : n })])));
}

function operationObject(op: Operation): ZodOpenApiOperationObject {
  const responses: Record<string, object> = { ...errorsOf(op) };
  for (const [status, res] of Object.entries(op.responses)) {
    responses[status] = res.schema
      ? { description: res.description, content: { "application/json": { schema: res.schema } } }
      : res.text
        ? { description: res.description, content: { [res.text]: { schema: { type: "string" } } } }
        : { description: res.description, headers: status.startsWith("3") ? { Location: { schema: { type: "string" } } } : undefined };
  }
  responses.default = error("Any other error, in the same shape (500 internal_error reveals nothing)");
  const params = pathParams(op.path);
  const header = op.idempotent
    ? z.object({ "idempotency-key": z.string().regex(/^[\w.:-]{8,100}$/).optional().meta({ description: "A retry with the same key never acts twice" }) })
    : undefined;
  return {
    operationId: `${op.method}${op.path.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
    summary: op.summary,
    tags: [op.tag],
    security: op.access === "public" ? [] : op.access === "ops" ? [{ opsToken: [] }] : [{ session: [] }],
    requestParams: { ...(params ? { path: params } : {}), ...(op.query ? { query: op.query } : {}), ...(header ? { header } : {}) },
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
    responses: responses as ZodOpenApiOperationObject["responses"],
  };
}

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  cached = createDocument({
    openapi: "3.1.0",
    info: {
      title: "기프티 거래소 API",
      version: "1.0.0",
      description:
        "The gifticon exchange's JSON API. Errors are {error: {code, message, fields?}}. Signed-in calls use the Auth.js session cookie; writes from browsers must be same-origin. Prose and examples: docs/api.md.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "Auth.js session (sign in via /api/auth/callback/credentials or Kakao)" },
        opsToken: { type: "http", scheme: "bearer", description: "OPS_TOKEN" },
      },
    },
    paths,
  });
  return cached;
}
