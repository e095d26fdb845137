import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { suspendUser } from "@/lib/accounts/commands";
import { myLikes } from "@/lib/accounts/queries";
import { getProductBook } from "@/lib/catalog/queries";
import { setLike } from "@/lib/likes/commands";
import { checkLedgersAfterEach, expectAppError, makeAdmin, makeCatalogProduct, makeUser } from "../support/factory";

// Likes (domain.md: a user's saved product): idempotent both ways; the product page's count follows at once.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const likeCount = async (productId: number) => (await getProductBook(productId))!.likeCount;

describe("likes", () => {
  it("like and unlike are idempotent, and the book's count changes at once", async () => {
    const product = await makeCatalogProduct();
    const [a, b] = [await makeUser(), await makeUser()];
    expect(await likeCount(product.id)).toBe(0);

    await setLike(a, product.id, true);
    expect(await likeCount(product.id)).toBe(1);
    const again = await setLike(a, product.id, true);
    expect(again.value).toEqual({ productId: product.id, liked: true });
    expect(await likeCount(product.id)).toBe(1);

    await setLike(b, product.id, true);
    expect(await likeCount(product.id)).toBe(2);

    await setLike(a, product.id, false);
    expect(await likeCount(product.id)).toBe(1);
    await setLike(a, product.id, false);
    expect(await likeCount(product.id)).toBe(1);
    await setLike(a, product.id, false);
    const last = await setLike(b, product.id, false);
    expect(await likeCount(product.id)).toBe(0);
    expect((await myLikes({ userId: b.id, minSeq: last.seq })).map((p) => p.id)).not.toContain(product.id);
  });

  it("the user's saved products list it", async () => {
    const product = await makeCatalogProduct();
    const user = await makeUser();
    const r = await setLike(user, product.id, true);
    expect((await myLikes({ userId: user.id, minSeq: r.seq })).map((p) => p.id)).toContain(product.id);
  });

  it("concurrent likes of one user count once", async () => {
    const product = await makeCatalogProduct();
    const user = await makeUser();
    await Promise.all(Array.from({ length: 6 }, () => setLike(user, product.id, true)));
    expect(await likeCount(product.id)).toBe(1);
  });

  it("an unknown product is refused; so is a suspended user", async () => {
    const product = await makeCatalogProduct();
    const user = await makeUser();
    await expectAppError(setLike(user, 2 ** 40, true), { kind: "invalid", code: "product_not_found", field: "productId" });
    await suspendUser(await makeAdmin(), user.id, "테스트 정지");
    await expectAppError(setLike(user, product.id, true), { kind: "forbidden", code: "account_suspended" });
    expect(await likeCount(product.id)).toBe(0);
  });
});
