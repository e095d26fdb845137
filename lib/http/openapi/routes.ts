import { z } from "zod";
import { changePasswordSchema, signUpSchema } from "@/lib/accounts/schemas";
import { auditQuerySchema, reinstateSchema, rejectWithdrawalSchema, resolveSchema, suspendSchema } from "@/lib/admin/schemas";
import { catalogQueryFields, productSchema } from "@/lib/catalog/schemas";
import { claimCouponSchema, createCouponSchema, issueCouponApiSchema } from "@/lib/coupons/schemas";
import { buyLowestSchema, buySchema, createListingApiSchema, fillBidApiSchema, listingsQuerySchema, placeBidSchema, updateListingSchema } from "@/lib/market/schemas";
import { apiDisputeSchema, markUsedSchema } from "@/lib/orders/schemas";
import { markReadSchema } from "@/lib/notifications/schemas";
import { suggestQuerySchema } from "@/lib/search/schemas";
import { topUpSchema, withdrawSchema } from "@/lib/points/schemas";
import * as r from "./responses";

// Every operation of the HTTP API, with the same zod schemas its route handler validates with. The
// OpenAPI document (./document.ts) is generated from this table, and tests/http/openapi.test.ts checks it
// against app/api: a handler the table does not describe, or an entry no handler serves, fails the test.

export type Method = "get" | "post" | "put" | "patch" | "delete";
/** Who may call: anyone, a signed-in user (401 otherwise), an admin (403 admin_only), or the ops token. */
export type Access = "public" | "user" | "admin" | "ops";

export type Operation = {
  method: Method;
  /** OpenAPI path template, e.g. /api/listings/{id}. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Status → response. A schema means a JSON body; `text` a non-JSON body of that media type. */
  responses: Record<number, { description: string; schema?: z.ZodType; text?: string }>;
  /** Honours an Idempotency-Key header. */
  idempotent?: boolean;
};

const ok = (schema: z.ZodType, description = "OK") => ({ description, schema });
const createdWith = (schema: z.ZodType, description = "Created") => ({ description, schema });

export const operations: Operation[] = [
  // accounts and sessions
  { method: "post", path: "/api/users", tag: "accounts", access: "public", summary: "Sign up with email, password and nickname", body: signUpSchema, responses: { 201: createdWith(r.created) } },
  { method: "get", path: "/api/me", tag: "accounts", access: "user", summary: "The signed-in user and their balances (read-your-writes)", responses: { 200: ok(r.me) } },
  { method: "get", path: "/api/session", tag: "accounts", access: "public", summary: "Who is looking ({signedIn:false} for visitors)", responses: { 200: ok(r.session) } },
  { method: "post", path: "/api/me/password", tag: "accounts", access: "user", summary: "Change the password: other sessions end, this client is signed in again", body: changePasswordSchema, responses: { 200: ok(r.passwordChanged) } },
  { method: "get", path: "/api/notifications", tag: "accounts", access: "user", summary: "The user's notifications (알림), newest 50, and the unread count", responses: { 200: ok(r.notifications) } },
  { method: "post", path: "/api/notifications/read", tag: "accounts", access: "user", summary: "Mark the named (or all) notifications read", body: markReadSchema, responses: { 200: ok(r.notificationsRead) } },
  { method: "get", path: "/api/me/listings", tag: "accounts", access: "user", summary: "The seller's own listings in every status", responses: { 200: ok(r.myListings) } },
  { method: "get", path: "/api/me/bids", tag: "accounts", access: "user", summary: "The user's buy bids in every status", responses: { 200: ok(r.myBids) } },
  { method: "get", path: "/api/me/orders", tag: "accounts", access: "user", summary: "The user's trades as buyer and seller", responses: { 200: ok(r.myOrders) } },
  { method: "get", path: "/api/me/coupons", tag: "accounts", access: "user", summary: "The user's coupon wallet", responses: { 200: ok(r.myCoupons) } },
  // Auth.js's own routes (app/api/auth/[...nextauth]): the ones clients use.
  { method: "get", path: "/api/auth/csrf", tag: "auth", access: "public", summary: "Auth.js: a CSRF token for the sign-in and sign-out forms", responses: { 200: ok(r.csrf) } },
  { method: "get", path: "/api/auth/session", tag: "auth", access: "public", summary: "Auth.js: the session (null when signed out)", responses: { 200: ok(r.authSession) } },
  { method: "get", path: "/api/auth/providers", tag: "auth", access: "public", summary: "Auth.js: the sign-in methods enabled (credentials; kakao when configured)", responses: { 200: ok(r.providers) } },
  {
    method: "post",
    path: "/api/auth/callback/credentials",
    tag: "auth",
    access: "public",
    summary: "Auth.js: sign in with email and password (form or JSON body with csrfToken); 302 with the session cookie, or to /login?error=",
    responses: { 302: { description: "Redirect (signed in, or back to the login page with ?error=)" } },
  },
  {
    method: "post",
    path: "/api/auth/signin/{provider}",
    tag: "auth",
    access: "public",
    summary: "Auth.js: start an OAuth sign-in (provider kakao) with a form body {csrfToken, callbackUrl}; 302 to the provider",
    responses: { 302: { description: "Redirect to the provider's consent page" } },
  },
  {
    method: "get",
    path: "/api/auth/callback/{provider}",
    tag: "auth",
    access: "public",
    summary: "Auth.js: where the OAuth provider (kakao) sends the user back; 302 home, or to /login?error= when consent was denied",
    responses: { 302: { description: "Redirect" } },
  },
  { method: "post", path: "/api/auth/signout", tag: "auth", access: "public", summary: "Auth.js: sign out (form body {csrfToken})", responses: { 302: { description: "Redirect" } } },
  // catalog and market reads
  { method: "get", path: "/api/search/suggest", tag: "catalog", access: "public", summary: "Suggestions while typing a search (same ranking as the catalog search)", query: suggestQuerySchema, responses: { 200: ok(r.suggestions) } },
  { method: "get", path: "/api/products", tag: "catalog", access: "public", summary: "Search the catalog", query: catalogQueryFields, responses: { 200: ok(r.catalogPage) } },
  { method: "get", path: "/api/products/{id}", tag: "catalog", access: "public", summary: "A product's book: asks, bids, last trades", responses: { 200: ok(r.book) } },
  { method: "get", path: "/api/products/{id}/viewer", tag: "catalog", access: "public", summary: "What the product page shows only to its viewer", responses: { 200: ok(r.viewer) } },
  { method: "get", path: "/api/listings", tag: "market", access: "public", summary: "Live listings, newest first", query: listingsQuerySchema, responses: { 200: ok(r.listingPage) } },
  // market writes
  {
    method: "post",
    path: "/api/listings",
    tag: "market",
    access: "user",
    idempotent: true,
    summary: "List a gifticon (a sell bid); trades at once when it meets a bid",
    body: createListingApiSchema,
    responses: { 201: createdWith(r.listingResult) },
  },
  { method: "patch", path: "/api/listings/{id}", tag: "market", access: "user", summary: "Change a listing's price or deadline (its seller)", body: updateListingSchema, responses: { 200: ok(r.listingResult) } },
  { method: "delete", path: "/api/listings/{id}", tag: "market", access: "user", summary: "Cancel a listing (its seller)", responses: { 200: ok(r.cancelled) } },
  { method: "post", path: "/api/bids", tag: "market", access: "user", idempotent: true, summary: "Place a buy bid (points held); trades at once when it meets an ask", body: placeBidSchema, responses: { 201: createdWith(r.bidResult) } },
  { method: "delete", path: "/api/bids/{id}", tag: "market", access: "user", summary: "Cancel a bid (its buyer); the held points go back", responses: { 200: ok(r.cancelled) } },
  { method: "post", path: "/api/bids/{id}/fill", tag: "market", access: "user", idempotent: true, summary: "Sell now into a bid", body: fillBidApiSchema, responses: { 201: createdWith(r.fillResult) } },
  {
    method: "post",
    path: "/api/orders",
    tag: "market",
    access: "user",
    idempotent: true,
    summary: "Buy now: a given listing, or a product's cheapest ask never above maxPrice",
    body: z.union([buySchema, buyLowestSchema]),
    responses: { 201: createdWith(r.orderResult) },
  },
  { method: "put", path: "/api/likes/{productId}", tag: "market", access: "user", summary: "Save a product", responses: { 200: ok(r.like) } },
  { method: "delete", path: "/api/likes/{productId}", tag: "market", access: "user", summary: "Un-save a product", responses: { 200: ok(r.like) } },
  // orders
  { method: "get", path: "/api/orders/{id}", tag: "orders", access: "user", summary: "An order with the voucher's code (its buyer and seller only)", responses: { 200: ok(r.orderDetail) } },
  { method: "put", path: "/api/orders/{id}/used", tag: "orders", access: "user", summary: "The buyer marks the voucher used (사용 완료) or not", body: markUsedSchema, responses: { 200: ok(r.usedMark) } },
  { method: "get", path: "/api/orders/{id}/dispute-photo", tag: "orders", access: "user", summary: "The buyer's dispute photo (buyer, seller and admins only)", responses: { 200: { description: "The image", text: "image/*" } } },
  { method: "get", path: "/api/orders/{id}/image", tag: "orders", access: "user", summary: "The voucher's photo (its buyer and seller only)", responses: { 200: { description: "The image", text: "image/*" } } },
  { method: "post", path: "/api/orders/{id}/confirm", tag: "orders", access: "user", summary: "The buyer confirms the code worked", responses: { 200: ok(r.orderStatus(["completed"])) } },
  { method: "post", path: "/api/orders/{id}/dispute", tag: "orders", access: "user", summary: "The buyer disputes the order", body: apiDisputeSchema, responses: { 200: ok(r.orderStatus(["disputed"])) } },
  // points and coupons
  {
    method: "post",
    path: "/api/points/top-up",
    tag: "points",
    access: "user",
    idempotent: true,
    summary: "Top up points (TEST MODE payment provider)",
    body: topUpSchema,
    responses: { 200: ok(r.topUpResult, "Succeeded"), 202: ok(r.topUpResult, "Pending: settled later") },
  },
  { method: "post", path: "/api/points/withdrawals", tag: "points", access: "user", idempotent: true, summary: "Request a withdrawal", body: withdrawSchema, responses: { 201: createdWith(r.withdrawal) } },
  { method: "post", path: "/api/coupons/claim", tag: "points", access: "user", summary: "Claim a coupon by its code", body: claimCouponSchema, responses: { 201: createdWith(r.claimed) } },
  // admin
  { method: "post", path: "/api/admin/products", tag: "admin", access: "admin", summary: "Add a product to the catalog", body: productSchema, responses: { 201: createdWith(r.created) } },
  { method: "post", path: "/api/admin/coupons", tag: "admin", access: "admin", summary: "Create a coupon", body: createCouponSchema, responses: { 201: createdWith(r.created) } },
  { method: "post", path: "/api/admin/coupons/{id}/issue", tag: "admin", access: "admin", summary: "Issue a coupon to a member", body: issueCouponApiSchema, responses: { 201: createdWith(r.issued) } },
  { method: "post", path: "/api/admin/orders/{id}/resolve", tag: "admin", access: "admin", summary: "Resolve a dispute", body: resolveSchema, responses: { 200: ok(r.orderStatus(["completed", "refunded"])) } },
  { method: "post", path: "/api/admin/users/{id}/suspend", tag: "admin", access: "admin", summary: "Suspend a member", body: suspendSchema, responses: { 200: ok(r.suspended) } },
  { method: "post", path: "/api/admin/users/{id}/reinstate", tag: "admin", access: "admin", summary: "Reinstate a member", body: reinstateSchema, responses: { 200: ok(r.reinstated) } },
  { method: "post", path: "/api/admin/withdrawals/{id}/pay", tag: "admin", access: "admin", summary: "Mark a withdrawal paid", responses: { 200: ok(r.orderStatus(["paid"])) } },
  { method: "post", path: "/api/admin/withdrawals/{id}/reject", tag: "admin", access: "admin", summary: "Reject a withdrawal", body: rejectWithdrawalSchema, responses: { 200: ok(r.orderStatus(["rejected"])) } },
  { method: "get", path: "/api/admin/audit", tag: "admin", access: "admin", summary: "The admin audit log, newest first", query: auditQuerySchema, responses: { 200: ok(r.audit) } },
  // operations
  { method: "get", path: "/api/health", tag: "ops", access: "public", summary: "Health: {status} for anyone, details with an admin session or the ops token", responses: { 200: ok(r.healthBody), 503: ok(r.healthBody, "Degraded") } },
  { method: "get", path: "/api/health/live", tag: "ops", access: "public", summary: "Liveness for load balancers: 200 while this instance takes requests, 503 while it drains", responses: { 200: ok(r.liveBody), 503: ok(r.liveBody, "Draining") } },
  { method: "get", path: "/api/metrics", tag: "ops", access: "ops", summary: "Prometheus metrics of this process (text exposition format)", responses: { 200: { description: "Metrics", text: "text/plain" } } },
  { method: "get", path: "/api/openapi.json", tag: "ops", access: "public", summary: "This document", responses: { 200: ok(r.openApiBody, "OpenAPI 3.1 document") } },
  { method: "get", path: "/api/docs", tag: "ops", access: "public", summary: "The API reference page (Swagger UI)", responses: { 200: { description: "HTML", text: "text/html" } } },
  { method: "get", path: "/api/docs/{asset}", tag: "ops", access: "public", summary: "The reference page's scripts and styles", responses: { 200: { description: "A static file", text: "*/*" } } },
];
