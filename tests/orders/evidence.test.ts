import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { buyListing } from "@/lib/market/commands/buy";
import { disputeOrder, markOrderUsed, resolveDispute, respondToDispute } from "@/lib/orders/commands";
import { getDisputePhoto, getOrderForUser } from "@/lib/orders/queries";
import { expectAppError, listGifticon, makeAdmin, makeCatalogProduct, makeUser } from "../support/factory";

// The buyer's "사용 완료" mark, and a dispute's case file: category, private photo, the seller's answer and
// the admin's note, seen by both parties.

afterAll(() => closeDatabases());

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b00000000049454e44ae426082", "hex");

async function bought() {
  const product = await makeCatalogProduct(5000);
  const seller = await makeUser();
  const buyer = await makeUser({ points: 10000 });
  const l = await listGifticon(seller, product.id, 4000);
  const { value: order } = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price });
  return { seller, buyer, order };
}

describe("used mark", () => {
  it("is the buyer's alone, persisted, and can be taken back", async () => {
    const { seller, buyer, order } = await bought();
    await markOrderUsed(buyer, order.id, true);
    expect((await getOrderForUser(buyer.id, order.id)).usedAt).toBeInstanceOf(Date);
    await expectAppError(markOrderUsed(seller, order.id, true), { kind: "forbidden", code: "buyer_only" });
    await expectAppError(markOrderUsed(await makeUser(), order.id, true), { kind: "not_found", code: "order_not_found" });
    await markOrderUsed(buyer, order.id, false);
    expect((await getOrderForUser(buyer.id, order.id)).usedAt).toBeNull();
  });
});

describe("dispute evidence", () => {
  it("keeps category, photo, the seller's answer and the admin's note; the photo only for parties and admins", async () => {
    const { seller, buyer, order } = await bought();
    await disputeOrder(buyer, order.id, "매장에서 이미 사용된 쿠폰이라고 합니다", { category: "already_used", photo: { mime: "image/png", data: PNG } });
    await expectAppError(respondToDispute(buyer, order.id, "판매자인 척"), { kind: "forbidden", code: "seller_only" });
    await respondToDispute(seller, order.id, "판매 전에 사용하지 않았습니다");

    const admin = await makeAdmin();
    expect((await getDisputePhoto(buyer.id, order.id)).data.equals(PNG)).toBe(true);
    expect((await getDisputePhoto(seller.id, order.id)).mime).toBe("image/png");
    expect((await getDisputePhoto(admin.id, order.id)).data.length).toBe(PNG.length);
    await expectAppError(getDisputePhoto((await makeUser()).id, order.id), { kind: "not_found", code: "order_not_found" });

    await resolveDispute(admin, order.id, "refund", "매장 화면 사진으로 확인했습니다");
    for (const who of [buyer, seller]) {
      const o = await getOrderForUser(who.id, order.id);
      expect(o.status).toBe("refunded");
      expect(o.dispute).toMatchObject({ category: "already_used", response: "판매 전에 사용하지 않았습니다", adminNote: "매장 화면 사진으로 확인했습니다", hasPhoto: true });
    }
    await expectAppError(respondToDispute(seller, order.id, "늦은 답변입니다"), { kind: "conflict", code: "not_disputed" });
  });
});
