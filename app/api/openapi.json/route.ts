import { openApiDocument } from "@/lib/http/openapi/document";

// GET /api/openapi.json: the API's OpenAPI 3.1 document, generated from the route table and its zod schemas.
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
