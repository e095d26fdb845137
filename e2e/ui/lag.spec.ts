import { healReplication, opsQuery, pauseReplication, setReplicaDelay } from "../../tests/support/stack";
import { expect, test, won } from "../support/ui-fixtures";
import { adminCreatesProduct, buyFromAskRow, headerPoints, listFromProductPage, logIn, logInAsAdmin, newMember, signOut, signUp } from "../support/ui-pages";

// Issue 4 in the browser: with both replicas really 10 seconds behind (MASTER_DELAY), a seller and another
// person each in their own browser see a new listing the moment it is made, and the buyer's own purchase
// is on their pages at once — while the replicas provably do not have it yet.

test.describe.configure({ mode: "serial" });
test.afterEach(() => healReplication());

const onReplica = async (table: "listings" | "orders", id: number) =>
  Number((await opsQuery<{ n: number }>("replica1", `SELECT COUNT(*) AS n FROM ${table} WHERE id = ?`, [id]))[0].n);

test("a new listing is visible to seller and buyer at once with the replicas 10 s behind; the buyer's purchase shows on their pages at once", async ({ person, shot }) => {
  test.setTimeout(180_000);
  const admin = await person("admin");
  await logInAsAdmin(admin.page);
  const product = await adminCreatesProduct(admin.page, 10_000);
  const seller = await person("seller");
  await newMember(seller);
  const buyer = await person("buyer");
  await newMember(buyer, { points: 20_000 });
  await buyer.page.goto(`/products/${product.id}`);
  await expect(buyer.page.getByTestId("ask-row")).toHaveCount(0);

  await setReplicaDelay("replica1", 10);
  await setReplicaDelay("replica2", 10);
  const started = Date.now();

  // The seller lists it and lands on the product page, which shows it.
  await seller.page.goto(`/products/${product.id}`);
  await listFromProductPage(seller.page, { price: 9_000 });
  const sellerRow = seller.page.getByTestId("ask-row").filter({ hasText: won(9_000) });
  await expect(sellerRow).toHaveCount(1);
  const listingId = Number(await sellerRow.getAttribute("data-listing-id"));

  // Another person's browser shows it too, while the replica does not have the row.
  await buyer.page.reload();
  await expect(buyer.page.getByTestId("ask-row").filter({ hasText: won(9_000) })).toHaveCount(1);
  expect(await onReplica("listings", listingId)).toBe(0);
  await shot(buyer.page, "lag-new-listing");

  // The buyer buys it; their order page, their orders list and their points show it at once.
  const orderId = await buyFromAskRow(buyer.page, won(9_000));
  await expect(buyer.page.getByText(won(9_000)).first()).toBeVisible();
  await buyer.page.goto("/me?tab=orders");
  await expect(buyer.page.locator(`[data-testid="my-order"][data-order-id="${orderId}"]`)).toBeVisible();
  await expect(headerPoints(buyer.page)).toContainText(won(11_000));
  expect(await onReplica("orders", orderId)).toBe(0);

  // And the sold listing is gone from everyone's product page.
  await seller.page.goto(`/products/${product.id}`);
  await expect(seller.page.getByTestId("ask-row")).toHaveCount(0);
  expect(Date.now() - started).toBeLessThan(10_000 + 30_000); // generous: the point is the replica checks above
});

// Issue 9: the new account is not on the replicas yet, and yet its owner is never shown as signed out.
test("sign-up → sign-in → my page with replication paused: the new member is signed in throughout", async ({ person }) => {
  test.setTimeout(120_000);
  // Replication paused (the SQL thread stopped): on a loaded machine the journey can outlast any fixed
  // delay, and the replicas must provably lack the account throughout.
  await pauseReplication("replica1");
  await pauseReplication("replica2");
  const member = await person("new member");
  const account = await signUp(member.page);
  await member.page.goto("/me");
  await expect(member.page).toHaveURL(/\/me/);
  await expect(member.page.getByText(`${account.nickname}님 · ${account.email}`)).toBeVisible();
  const onReplicaNow = async () => Number((await opsQuery<{ n: number }>("replica1", "SELECT COUNT(*) AS n FROM users WHERE email = ?", [account.email]))[0].n);
  expect(await onReplicaNow()).toBe(0); // the replicas really do not have the account yet
  await signOut(member.page);
  await logIn(member.page, account.email, account.password, "/me");
  await expect(member.page).toHaveURL(/\/me/);
  await expect(member.page.getByText(`${account.nickname}님 · ${account.email}`)).toBeVisible();
  expect(await onReplicaNow()).toBe(0);
});
