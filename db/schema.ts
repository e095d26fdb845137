import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  customType,
  datetime,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";

// The whole domain (../shared/docs/domain.md). Money is integer KRW; times are UTC DATETIME(3).
// Invariants the database itself guards: unique email/nickname, one order per listing and per bid,
// one live copy of a code (code_lock), balances never negative (CHECK), one like per user and product.

const id = () => bigint("id", { mode: "number", unsigned: true }).autoincrement().primaryKey();
const ref = (name: string) => bigint(name, { mode: "number", unsigned: true });
const createdAt = () => datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`);
const updatedAt = () =>
  datetime("updated_at", { mode: "date", fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date());
const at = (name: string) => datetime(name, { mode: "date", fsp: 3 });
// Raw bytes as Buffers (drizzle's binary/varbinary columns turn bytes into text).
const bytes = (name: string, sqlType: string) => customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => sqlType })(name);

export const CATEGORIES = [
  "cafe",
  "convenience",
  "chicken",
  "bakery",
  "icecream",
  "burger",
  "pizza",
  "dessert",
  "movie",
  "giftcard",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const users = mysqlTable(
  "users",
  {
    id: id(),
    // Null for an account made with Kakao that shared no verified email (lib/accounts/kakao.ts); unique
    // otherwise (MariaDB's unique index allows many NULLs).
    email: varchar("email", { length: 254 }),
    // Null for an account that signs in with Kakao only.
    passwordHash: varchar("password_hash", { length: 255 }),
    nickname: varchar("nickname", { length: 20 }).notNull(),
    // What the nickname looks like (a digest of its confusable skeleton, lib/accounts/nickname.ts): unique,
    // so no two names render alike. Null only for rows older than the column, until the seed fills them.
    nicknameKey: char("nickname_key", { length: 64 }),
    role: mysqlEnum("role", ["user", "admin"]).notNull().default("user"),
    status: mysqlEnum("status", ["active", "suspended"]).notNull().default("active"),
    // Raised by anything that must end the user's sessions (suspension, reinstatement, a password change):
    // a session signed in at another version no longer counts (lib/auth/session.ts).
    sessionVersion: int("session_version").notNull().default(0),
    points: int("points").notNull().default(0),
    heldPoints: int("held_points").notNull().default(0),
    // When the member agreed to the terms and privacy policy at sign-up (null: accounts older than consent).
    termsAgreedAt: at("terms_agreed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_uq").on(t.email),
    uniqueIndex("users_nickname_uq").on(t.nickname),
    uniqueIndex("users_nickname_key_uq").on(t.nicknameKey),
    check("users_points_ck", sql`${t.points} >= 0 AND ${t.heldPoints} >= 0`),
  ],
);

/** Sign-in identities at other providers (Kakao): one per provider account, at most one per user and provider. */
export const userIdentities = mysqlTable(
  "user_identities",
  {
    id: id(),
    provider: varchar("provider", { length: 20 }).notNull(),
    // The provider's user id (Kakao: its numeric id as text).
    subject: varchar("subject", { length: 64 }).notNull(),
    userId: ref("user_id").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("user_identities_subject_uq").on(t.provider, t.subject), uniqueIndex("user_identities_user_uq").on(t.userId, t.provider)],
);

export const brands = mysqlTable(
  "brands",
  {
    id: id(),
    slug: varchar("slug", { length: 40 }).notNull(),
    name: varchar("name", { length: 60 }).notNull(),
    nameEn: varchar("name_en", { length: 60 }).notNull(),
    category: mysqlEnum("category", CATEGORIES).notNull(),
    color: varchar("color", { length: 7 }).notNull().default("#64748b"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("brands_slug_uq").on(t.slug), index("brands_category_ix").on(t.category)],
);

export const products = mysqlTable(
  "products",
  {
    id: id(),
    brandId: ref("brand_id").notNull().references(() => brands.id),
    name: varchar("name", { length: 100 }).notNull(),
    nameEn: varchar("name_en", { length: 100 }).notNull(),
    category: mysqlEnum("category", CATEGORIES).notNull(),
    faceValue: int("face_value").notNull(),
    emoji: varchar("emoji", { length: 16 }).notNull().default("🎁"),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index("products_brand_ix").on(t.brandId),
    index("products_category_ix").on(t.category),
    check("products_face_value_ck", sql`${t.faceValue} > 0`),
  ],
);

// The seller's voucher. The code itself is only ever stored encrypted (AES-256-GCM, lib/gifticons/code-crypto.ts);
// code_hmac identifies it; code_lock holds the same HMAC while the code is on the market or sold, and is
// cleared when a listing is cancelled or expires, so a unique index allows one live copy of each code.
export const gifticons = mysqlTable(
  "gifticons",
  {
    id: id(),
    ownerId: ref("owner_id").notNull().references(() => users.id),
    productId: ref("product_id").notNull().references(() => products.id),
    codeCipher: bytes("code_cipher", "varbinary(255)").notNull(),
    codeHmac: bytes("code_hmac", "binary(32)").notNull(),
    codeLock: bytes("code_lock", "binary(32)"),
    codeLast4: varchar("code_last4", { length: 4 }).notNull(),
    expiresAt: at("expires_at").notNull(),
    hasImage: boolean("has_image").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("gifticons_code_lock_uq").on(t.codeLock), index("gifticons_hmac_ix").on(t.codeHmac)],
);

// The optional photo of a voucher (its barcode): as secret as the code, so it lives in the database with
// it (replicated and backed up together, never a public file) and is served only to seller and buyer.
export const gifticonImages = mysqlTable("gifticon_images", {
  gifticonId: ref("gifticon_id").primaryKey().references(() => gifticons.id),
  mime: varchar("mime", { length: 40 }).notNull(),
  data: bytes("data", "mediumblob").notNull(),
});

/** A dispute's evidence photo (one per order, from the buyer): private, served only to the parties and admins. */
export const disputePhotos = mysqlTable("dispute_photos", {
  orderId: ref("order_id").primaryKey(),
  mime: varchar("mime", { length: 40 }).notNull(),
  data: bytes("data", "mediumblob").notNull(),
  createdAt: createdAt(),
});

export const LISTING_STATUSES = ["on_sale", "sold", "cancelled", "expired"] as const;
export const listings = mysqlTable(
  "listings",
  {
    id: id(),
    productId: ref("product_id").notNull().references(() => products.id),
    sellerId: ref("seller_id").notNull().references(() => users.id),
    gifticonId: ref("gifticon_id").notNull().references(() => gifticons.id),
    price: int("price").notNull(),
    deadline: at("deadline").notNull(),
    status: mysqlEnum("status", LISTING_STATUSES).notNull().default("on_sale"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("listings_gifticon_uq").on(t.gifticonId),
    index("listings_book_ix").on(t.productId, t.status, t.price, t.id),
    index("listings_feed_ix").on(t.status, t.createdAt),
    index("listings_seller_ix").on(t.sellerId, t.createdAt),
    index("listings_deadline_ix").on(t.status, t.deadline),
    check("listings_price_ck", sql`${t.price} > 0`),
  ],
);

export const BID_STATUSES = ["active", "filled", "cancelled", "expired"] as const;
export const bids = mysqlTable(
  "bids",
  {
    id: id(),
    productId: ref("product_id").notNull().references(() => products.id),
    buyerId: ref("buyer_id").notNull().references(() => users.id),
    price: int("price").notNull(),
    deadline: at("deadline").notNull(),
    status: mysqlEnum("status", BID_STATUSES).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("bids_book_ix").on(t.productId, t.status, t.price, t.id),
    index("bids_buyer_ix").on(t.buyerId, t.createdAt),
    index("bids_deadline_ix").on(t.status, t.deadline),
    check("bids_price_ck", sql`${t.price} > 0`),
  ],
);

export const coupons = mysqlTable(
  "coupons",
  {
    id: id(),
    code: varchar("code", { length: 32 }).notNull(),
    name: varchar("name", { length: 60 }).notNull(),
    // "public": anyone who knows the code may claim it once (up to max_claims in total);
    // "issued": only the users an admin issued it to have it, and its code claims nothing.
    audience: mysqlEnum("audience", ["public", "issued"]).notNull().default("public"),
    maxClaims: int("max_claims"),
    claimedCount: int("claimed_count").notNull().default(0),
    kind: mysqlEnum("kind", ["amount", "percent"]).notNull(),
    value: int("value").notNull(),
    minPrice: int("min_price").notNull().default(0),
    maxDiscount: int("max_discount"),
    validUntil: at("valid_until").notNull(),
    active: boolean("active").notNull().default(true),
    createdBy: ref("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("coupons_code_uq").on(t.code),
    check("coupons_value_ck", sql`${t.value} > 0`),
    check("coupons_claims_ck", sql`${t.maxClaims} IS NULL OR ${t.claimedCount} <= ${t.maxClaims}`),
  ],
);

// A coupon in a user's wallet; used at most once (used_order_id).
export const userCoupons = mysqlTable(
  "user_coupons",
  {
    id: id(),
    couponId: ref("coupon_id").notNull().references(() => coupons.id),
    userId: ref("user_id").notNull().references(() => users.id),
    usedOrderId: ref("used_order_id"),
    usedAt: at("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("user_coupons_uq").on(t.couponId, t.userId), index("user_coupons_user_ix").on(t.userId)],
);

export const ORDER_STATUSES = ["paid", "disputed", "completed", "refunded"] as const;
export const orders = mysqlTable(
  "orders",
  {
    id: id(),
    listingId: ref("listing_id").notNull().references(() => listings.id),
    bidId: ref("bid_id").references(() => bids.id),
    productId: ref("product_id").notNull().references(() => products.id),
    buyerId: ref("buyer_id").notNull().references(() => users.id),
    sellerId: ref("seller_id").notNull().references(() => users.id),
    price: int("price").notNull(),
    discount: int("discount").notNull().default(0),
    paid: int("paid").notNull(),
    userCouponId: ref("user_coupon_id"),
    status: mysqlEnum("status", ORDER_STATUSES).notNull().default("paid"),
    confirmDueAt: at("confirm_due_at").notNull(),
    disputeReason: varchar("dispute_reason", { length: 500 }),
    resolvedBy: ref("resolved_by"),
    // The order completed while its seller was suspended: the sale is not paid out until an admin
    // reinstates them (lib/accounts/commands.ts), then it is, with its ledger row.
    payoutHeld: boolean("payout_held").notNull().default(false),
    completedAt: at("completed_at"),
    // A dispute's case file: the buyer's category (DISPUTE_CATEGORIES) and reason, the seller's answer, the
    // admin's note with the decision (shown to both parties). The buyer's photo is in dispute_photos.
    disputeCategory: varchar("dispute_category", { length: 32 }),
    disputeResponse: varchar("dispute_response", { length: 1000 }),
    disputeRespondedAt: at("dispute_responded_at"),
    adminNote: varchar("admin_note", { length: 500 }),
    // The buyer's own "사용 완료" mark (they used the code in a shop): a note for them, not a state change.
    usedAt: at("used_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_listing_uq").on(t.listingId),
    uniqueIndex("orders_bid_uq").on(t.bidId),
    index("orders_product_ix").on(t.productId, t.createdAt),
    index("orders_buyer_ix").on(t.buyerId, t.createdAt),
    index("orders_seller_ix").on(t.sellerId, t.createdAt),
    index("orders_due_ix").on(t.status, t.confirmDueAt),
  ],
);

export const LEDGER_KINDS = [
  "top_up",
  "hold",
  "release",
  "purchase",
  "sale",
  "refund",
  "withdrawal",
  "withdrawal_reverted",
] as const;
// Every change of a balance is a row here, written in the same transaction as the change:
// users.points = SUM(points_delta) and users.held_points = SUM(held_delta) per user, always.
export const pointLedger = mysqlTable(
  "point_ledger",
  {
    id: id(),
    userId: ref("user_id").notNull().references(() => users.id),
    kind: mysqlEnum("kind", LEDGER_KINDS).notNull(),
    pointsDelta: int("points_delta").notNull(),
    heldDelta: int("held_delta").notNull().default(0),
    pointsAfter: int("points_after").notNull(),
    heldAfter: int("held_after").notNull(),
    refType: mysqlEnum("ref_type", ["order", "bid", "payment", "withdrawal"]),
    refId: ref("ref_id"),
    memo: varchar("memo", { length: 200 }),
    createdAt: createdAt(),
  },
  (t) => [index("point_ledger_user_ix").on(t.userId, t.id)],
);

// A top-up as a state machine (lib/points/commands.ts): the row is written `pending` before the provider
// is called, with the idempotency key the provider is called with (so a retry can never charge twice);
// it becomes `succeeded` in the same transaction that credits the points, or `failed`. Pending rows left by
// a process that died are reconciled by the sweeper, which asks the provider what happened to that key.
export const payments = mysqlTable(
  "payments",
  {
    id: id(),
    userId: ref("user_id").notNull().references(() => users.id),
    provider: varchar("provider", { length: 20 }).notNull(),
    providerKey: varchar("provider_key", { length: 80 }).notNull(),
    providerRef: varchar("provider_ref", { length: 80 }),
    amount: int("amount").notNull(),
    status: mysqlEnum("status", ["pending", "succeeded", "failed"]).notNull().default("pending"),
    failureReason: varchar("failure_reason", { length: 200 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("payments_provider_key_uq").on(t.provider, t.providerKey),
    index("payments_user_ix").on(t.userId),
    index("payments_pending_ix").on(t.status, t.createdAt),
  ],
);

// The test-mode provider's own records (lib/points/payments.ts): what a real processor keeps on its side,
// written outside the app's transactions, so a charge exists even when the app died before recording it.
export const testProviderCharges = mysqlTable("test_provider_charges", {
  idemKey: varchar("idem_key", { length: 80 }).primaryKey(),
  ref: varchar("ref", { length: 80 }).notNull(),
  amount: int("amount").notNull(),
  cardLast4: varchar("card_last4", { length: 4 }).notNull(),
  status: mysqlEnum("status", ["succeeded", "declined"]).notNull(),
  reason: varchar("reason", { length: 200 }),
  createdAt: createdAt(),
});

export const withdrawals = mysqlTable(
  "withdrawals",
  {
    id: id(),
    userId: ref("user_id").notNull().references(() => users.id),
    amount: int("amount").notNull(),
    bankName: varchar("bank_name", { length: 40 }).notNull(),
    // The full account number, AES-256-GCM encrypted (lib/security/secret-box.ts): shown only on the
    // admin's payout screen. Everywhere else: the masked form.
    accountCipher: bytes("account_cipher", "varbinary(255)").notNull(),
    accountMasked: varchar("account_masked", { length: 40 }).notNull(),
    status: mysqlEnum("status", ["requested", "paid", "rejected"]).notNull().default("requested"),
    processedBy: ref("processed_by"),
    processedAt: at("processed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("withdrawals_user_ix").on(t.userId, t.createdAt), index("withdrawals_status_ix").on(t.status)],
);

export const likes = mysqlTable(
  "likes",
  {
    userId: ref("user_id").notNull().references(() => users.id),
    productId: ref("product_id").notNull().references(() => products.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productId] }), index("likes_product_ix").on(t.productId)],
);

// A retried request with the same Idempotency-Key answers with the first result (domain invariant 7).
// The row is inserted in the same transaction as the trade, so the primary key decides.
export const idempotencyKeys = mysqlTable(
  "idempotency_keys",
  {
    userId: ref("user_id").notNull(),
    key: varchar("idem_key", { length: 100 }).notNull(),
    scope: varchar("scope", { length: 40 }).notNull(),
    requestHash: varchar("request_hash", { length: 64 }).notNull(),
    response: text("response").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

// One row per product whose book has been traded: the lock that serialises every command that can add
// to that book (a new bid, a new ask, a price change), so two orders that cross can never both rest
// (lib/market/commands/book.ts). No foreign keys: locking it must not interact with other rows' locks.
export const bookLocks = mysqlTable("book_locks", {
  productId: bigint("product_id", { mode: "number", unsigned: true }).primaryKey(),
});

// Every admin decision (suspend, reinstate, resolve, pay out, coupons…), written in the same transaction as
// the decision itself: who, what, on what, when and why. Shown on /admin/audit.
export const adminAudit = mysqlTable(
  "admin_audit",
  {
    id: id(),
    adminId: ref("admin_id").notNull().references(() => users.id),
    action: varchar("action", { length: 40 }).notNull(),
    targetType: varchar("target_type", { length: 20 }).notNull(),
    targetId: ref("target_id").notNull(),
    reason: varchar("reason", { length: 500 }),
    detail: text("detail"),
    createdAt: createdAt(),
  },
  (t) => [index("admin_audit_created_ix").on(t.createdAt), index("admin_audit_target_ix").on(t.targetType, t.targetId)],
);

// Written on the primary by every app process's monitor; its age on a replica is that replica's lag.
export const heartbeats = mysqlTable("heartbeats", {
  source: varchar("source", { length: 64 }).primaryKey(),
  ts: datetime("ts", { mode: "date", fsp: 6 }).notNull(),
});

// Commit positions for engines whose replicas expose none (POSITIONS=counter, db/positions.ts): one row, raised
// by every command just before it commits, so its value in any snapshot is the newest command it contains.
// It starts at 10^12 (db/migrations/0009_commit_seq.sql), above any GTID sequence number a primary reaches, so
// that switching from POSITIONS=gtid keeps every position already in Redis below the new ones.
export const commitSeq = mysqlTable("commit_seq", {
  id: int("id").primaryKey(),
  n: bigint("n", { mode: "number", unsigned: true }).notNull(),
});

// The transactional outbox (lib/write/outbox.ts): what a command's readers must learn (the fences and page
// versions it raises), written in the command's own transaction, so that a process that dies between its
// commit and its publish to Redis loses nothing. Deleted once published; any process drains the rest.
export const outbox = mysqlTable(
  "outbox",
  {
    id: id(),
    changes: text("changes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_created_ix").on(t.createdAt)],
);

export type User = typeof users.$inferSelect;
export type Brand = typeof brands.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Gifticon = typeof gifticons.$inferSelect;
export type Listing = typeof listings.$inferSelect;
export type Bid = typeof bids.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type Coupon = typeof coupons.$inferSelect;
export type LedgerEntry = typeof pointLedger.$inferSelect;

// Search aliases (lib/search): what people type for a brand or a menu (스벅, 아아, 베라) and what it means
// (스타벅스, 아이스 아메리카노, 배스킨라빈스). Data, not code: admins edit it on /admin/search.
export const searchAliases = mysqlTable(
  "search_aliases",
  {
    id: id(),
    alias: varchar("alias", { length: 40 }).notNull(),
    expansion: varchar("expansion", { length: 100 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("search_aliases_alias_uq").on(t.alias)],
);
export type SearchAlias = typeof searchAliases.$inferSelect;
/**
 * In-app notifications (알림): a sale, a filled bid, a confirmation, a dispute's outcome, a listing taken
 * down, a voucher nearing its expiry. `dedupeKey` makes a reminder that the sweeper may try twice land once.
 */
export const notifications = mysqlTable(
  "notifications",
  {
    id: id(),
    userId: ref("user_id").notNull().references(() => users.id),
    kind: varchar("kind", { length: 32 }).notNull(),
    title: varchar("title", { length: 200 }).notNull(),
    body: varchar("body", { length: 500 }),
    href: varchar("href", { length: 200 }),
    dedupeKey: varchar("dedupe_key", { length: 80 }),
    readAt: at("read_at"),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_ix").on(t.userId, t.readAt, t.id), uniqueIndex("notifications_dedupe_uq").on(t.userId, t.dedupeKey)],
);
