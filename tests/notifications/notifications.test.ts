import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { buyListing } from "@/lib/market/commands/buy";
import { markNotificationsRead, remindExpiring } from "@/lib/notifications/commands";
import { listNotifications } from "@/lib/notifications/queries";
import { confirmOrder, markOrderUsed } from "@/lib/orders/commands";
import { listGifticon, makeCatalogProduct, makeUser } from "../support/factory";

// 알림: written with the change they tell about; reminders of expiring vouchers land once.

afterAll(() => closeDatabases());

// Read as of now (a position no replica has yet sends the read to the primary): the replicas may lag.
const inbox = (userId: number) => listNotifications({ userId, minSeq: Number.MAX_SAFE_INTEGER });
const kstDay = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe("notifications", () => {
  it("a sale tells the seller, a confirmation tells the seller again; reading clears the badge", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const l = await listGifticon(seller, product.id, 4000);
    const { value: order } = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price });
    await confirmOrder(buyer, order.id);
    const { items, unread } = await inbox(seller.id);
    expect(items.map((n) => n.kind)).toEqual(["confirmed", "sold"]);
    expect(unread).toBe(2);
    expect(items[1].href).toBe(`/orders/${order.id}`);
    await markNotificationsRead(seller);
    expect((await inbox(seller.id)).unread).toBe(0);
  });

  it("a voucher expiring within 7 days reminds its buyer once (D-7), not after it is marked used", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const other = await makeUser({ points: 10000 });
    const l = await listGifticon(seller, product.id, 4000, { expiresAt: kstDay(5) });
    const l2 = await listGifticon(seller, product.id, 4000, { expiresAt: kstDay(5) });
    await buyListing(buyer, { listingId: l.id, expectedPrice: l.price });
    const { value: o2 } = await buyListing(other, { listingId: l2.id, expectedPrice: l2.price });
    await markOrderUsed(other, o2.id, true);
    await remindExpiring();
    await remindExpiring();
    const mine = (await inbox(buyer.id)).items.filter((n) => n.kind.startsWith("expiry"));
    expect(mine.map((n) => n.kind)).toEqual(["expiry_d7"]);
    expect((await inbox(other.id)).items.filter((n) => n.kind.startsWith("expiry"))).toEqual([]);
  });
});
