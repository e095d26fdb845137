import { z } from "zod";

// What the JSON API answers, as zod schemas: the contract's response half (the request half is the schemas
// the routes validate with, in lib/*/schemas.ts). Objects are strict (additionalProperties: false), so a
// field that reaches a response without being described here fails the API tests that validate every
// response against the document (e2e/support/contract.ts).

const id = z.number().int().positive();
const money = z.number().int();
const at = z.string().meta({ format: "date-time" });

export const errorBody = z
  .object({
    error: z.looseObject({
      code: z.string().meta({ description: "A stable machine-readable code, e.g. listing_sold, rate_limited." }),
      message: z.string().meta({ description: "A message for people (Korean)." }),
      fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Messages per input field." }),
    }),
  })
  .meta({ id: "Error", description: "Every error: {error: {code, message, fields?}} (plus details some codes carry, e.g. currentPrice)." });

export const product = z
  .object({
    id,
    brandId: id,
    brand: z.string(),
    brandSlug: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    category: z.string(),
    faceValue: money,
    emoji: z.string().nullable(),
  })
  .meta({ id: "Product" });

/** A page of items; `nextCursor` is an offset as text (catalog, audit) or the last id (listings). */
const page = <T extends z.ZodType>(item: T, cursor: z.ZodType = z.string()) => z.object({ items: z.array(item), nextCursor: cursor.nullable() });
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const catalogItem = product
  .extend({
    lowestAsk: money.nullable(),
    highestBid: money.nullable(),
    askCount: z.number().int(),
    likeCount: z.number().int(),
    trades30d: z.number().int(),
    longestValidUntil: at.nullable().meta({ description: "The longest validity (유효기간) among the live asks" }),
  })
  .meta({ id: "CatalogItem" });
export const catalogPage = page(catalogItem);

export const book = z
  .object({
    product,
    lowestAsk: money.nullable(),
    highestBid: money.nullable(),
    likeCount: z.number().int(),
    asks: z.array(
      z.object({
        id,
        price: money,
        expiresAt: at.meta({ description: "The ask's deadline: when it stops being buyable" }),
        validUntil: at.meta({ description: "The voucher's own expiry (유효기간), what the buyer gets" }),
        sellerId: id,
        sellerNickname: z.string(),
        createdAt: at,
      }),
    ),
    bids: z.array(z.object({ id, price: money, expiresAt: at, createdAt: at })),
    trades: z.array(z.object({ price: money, at })),
  })
  .meta({ id: "ProductBook" });

export const viewer = z.union([
  z.object({ signedIn: z.literal(false) }),
  z.object({
    signedIn: z.literal(true),
    me: z.object({ id, nickname: z.string(), points: money, heldPoints: money }),
    coupons: z.array(
      z.object({
        couponId: id,
        name: z.string(),
        description: z.string(),
        kind: z.enum(["amount", "percent"]),
        value: z.number().int(),
        minPrice: money,
        maxDiscount: money.nullable(),
      }),
    ),
    liked: z.boolean(),
    myBidIds: z.array(id),
    myListingIds: z.array(id),
  }),
]);

export const listing = z
  .object({ id, productId: id, sellerId: id, sellerNickname: z.string(), price: money, expiresAt: at, createdAt: at, product })
  .meta({ id: "Listing" });
export const listingPage = page(listing, id);

export const listingResult = z.object({ id, status: z.enum(["on_sale", "sold"]), price: money, orderId: id.optional() });
export const bidResult = z.object({ id, status: z.enum(["active", "filled"]), price: money, orderId: id.optional() });
export const cancelled = z.object({ id, status: z.literal("cancelled") });
export const fillResult = z.object({ orderId: id, price: money });
export const orderResult = z.object({ id, listingId: id, productId: id, price: money, discount: money, paid: money });

export const order = z
  .object({
    id,
    role: z.enum(["buyer", "seller"]),
    status: z.enum(["paid", "disputed", "completed", "refunded"]),
    price: money,
    discount: money,
    paid: money,
    createdAt: at,
    confirmDueAt: at,
    completedAt: at.nullable(),
    product,
  })
  .meta({ id: "Order" });
export const orderDetail = order.extend({
  disputeReason: z.string().nullable(),
  usedAt: at.nullable().meta({ description: "When the buyer marked the voucher used (사용 완료)" }),
  dispute: z.object({ category: z.string().nullable(), response: z.string().nullable(), respondedAt: at.nullable(), adminNote: z.string().nullable(), hasPhoto: z.boolean() }),
  sellerNickname: z.string(),
  // The code is null once the order is refunded (the buyer no longer gets it).
  gifticon: z.object({ code: z.string().nullable(), last4: z.string(), expiresAt: at, imageUrl: z.string().nullable() }),
});
export const orderStatus = (s: [string, ...string[]]) => z.object({ id, status: z.enum(s) });

export const me = z
  .object({
    id,
    email: z.string().nullable().meta({ description: "null for an account made with Kakao that shared no email" }),
    nickname: z.string(),
    role: z.enum(["user", "admin"]),
    status: z.enum(["active", "suspended"]),
    points: money,
    heldPoints: money,
    createdAt: at,
  })
  .meta({ id: "Me" });
export const session = z.union([
  z.object({ signedIn: z.literal(false) }),
  z.object({ signedIn: z.literal(true), nickname: z.string(), role: z.enum(["user", "admin"]), points: money, heldPoints: money, unread: z.number().int().min(0) }),
]);

export const myListings = items(
  z.object({ id, price: money, status: z.string(), expiresAt: at, gifticonExpiresAt: at, codeLast4: z.string(), createdAt: at, orderId: id.nullable(), product }),
);
export const myBids = items(z.object({ id, price: money, status: z.string(), expiresAt: at, createdAt: at, orderId: id.nullable(), product }));
export const myOrders = items(order);
export const myCoupons = items(
  z.object({
    couponId: id,
    code: z.string(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(["amount", "percent"]),
    value: z.number().int(),
    minPrice: money,
    maxDiscount: money.nullable(),
    validUntil: at,
    usedAt: at.nullable(),
    usable: z.boolean(),
  }),
);

export const like = z.object({ productId: id, liked: z.boolean() });
export const created = z.object({ id });
export const claimed = z.object({ couponId: id, name: z.string() });
export const issued = z.object({ id, userId: id });
export const topUpResult = z.union([
  z.object({ status: z.literal("succeeded"), paymentId: id, points: money, heldPoints: money, testMode: z.literal(true) }),
  z.object({ status: z.literal("pending"), paymentId: id, testMode: z.literal(true) }),
]);
export const withdrawal = z.object({ id, points: money });
export const suspended = z.object({ id, status: z.literal("suspended"), listingsCancelled: z.number().int(), bidsCancelled: z.number().int() });
export const reinstated = z.object({ id, status: z.literal("active"), payoutsReleased: z.number().int() });
export const audit = page(
  z.object({
    id,
    admin: z.object({ id, nickname: z.string() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.number().int().nullable() }),
    reason: z.string().nullable(),
    detail: z.unknown(),
    at,
  }),
);

export const healthBody = z.looseObject({ status: z.enum(["ok", "degraded"]) }).meta({
  description: "{status} for anyone; with an admin session or the ops token also nodes, cache and reads.",
});

export const liveBody = z.object({ status: z.enum(["live", "draining"]) });
export const passwordChanged = z.object({ id: z.number().int(), resigned: z.boolean() });

export const usedMark = z.object({ id, used: z.boolean() });
export const suggestions = items(
  z.object({ id, brandName: z.string(), name: z.string(), emoji: z.string().nullable(), brandColor: z.string().nullable(), faceValue: money }),
);
export const notifications = z.object({
  items: z.array(
    z.object({ id, kind: z.string(), title: z.string(), body: z.string().nullable(), href: z.string().nullable(), readAt: at.nullable(), createdAt: at }),
  ),
  unread: z.number().int().min(0),
});
export const notificationsRead = z.object({ read: z.literal(true) });

export const csrf = z.object({ csrfToken: z.string() });
export const authSession = z.looseObject({ user: z.looseObject({}), expires: z.string() }).nullable();
export const providers = z.record(z.string(), z.looseObject({ id: z.string(), name: z.string(), type: z.string() }));

export const openApiBody = z.looseObject({ openapi: z.literal("3.1.0"), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) });
