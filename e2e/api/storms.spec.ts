import { expect, test } from "@playwright/test";
import type { ApiResponse } from "../support/api-client";
import { book, expectError, freshProduct, kstDate, list, listing, me, newCode, newUser, newUsers, tally } from "./helpers";

// Many requests at the same instant on the same thing. Exactly one wins, the others get a clean 409
// (never a 500), and every balance adds up afterwards. Each storm's size is one constant, which a
// benchmark can raise through the environment.

const BUYERS_ON_ONE_LISTING = Number(process.env.STORM_BUYERS ?? 50);
const SELLERS_ON_ONE_BID = Number(process.env.STORM_SELLERS ?? 30);
const BIDDERS_ON_ONE_PRODUCT = Number(process.env.STORM_BIDDERS ?? 40);
const LISTINGS_OF_ONE_CODE = Number(process.env.STORM_SAME_CODE ?? 10);
const PURCHASES_BY_ONE_BUYER = Number(process.env.STORM_ONE_BUYER ?? 5);

test.setTimeout(180_000);

const noServerErrors = (rs: ApiResponse[]) => {
  for (const r of rs) expect(r.status, r.text).toBeLessThan(500);
};

test(`${BUYERS_ON_ONE_LISTING} buyers buy the same listing at once: one order, everyone else 409, points conserved`, async () => {
  const PRICE = 8_000;
  const START = 20_000;
  const seller = await newUser();
  const buyers = await newUsers(BUYERS_ON_ONE_LISTING, START);
  const p = await freshProduct(10_000);
  const { id, code } = await list(seller, p.id, PRICE);
  const sellerBefore = await me(seller);

  const rs = await Promise.all(buyers.map((b) => b.post("/api/orders", { listingId: id, expectedPrice: PRICE })));
  noServerErrors(rs);
  expect(tally(rs)).toEqual({ 201: 1, 409: BUYERS_ON_ONE_LISTING - 1 });
  // Losers are told at once that someone is buying it (the Redis pre-filter), or that it sold.
  for (const r of rs.filter((x) => x.status === 409)) expect(["listing_busy", "listing_sold"]).toContain(r.body.error.code);
  const winnerIndex = rs.findIndex((r) => r.status === 201);
  const winner = buyers[winnerIndex];
  const orderId = rs[winnerIndex].body.id;

  const bk = await book(seller, p.id);
  expect(bk.asks).toEqual([]);
  expect(bk.trades.map((t) => t.price)).toEqual([PRICE]);
  const after = await Promise.all(buyers.map((b) => me(b)));
  after.forEach((m, i) => expect(m, `buyer ${i}`).toMatchObject({ points: i === winnerIndex ? START - PRICE : START, heldPoints: 0 }));
  for (const [i, b] of buyers.entries()) {
    const orders = (await b.get("/api/me/orders")).body.items;
    expect(orders, `buyer ${i}`).toHaveLength(i === winnerIndex ? 1 : 0);
  }
  expect((await winner.get(`/api/orders/${orderId}`)).body.gifticon.code).toBe(code);

  // Once the buyer confirms, the seller has exactly what the buyers lost in total.
  expect((await winner.post(`/api/orders/${orderId}/confirm`)).status).toBe(200);
  const sellerAfter = await me(seller);
  const buyersLost = START * BUYERS_ON_ONE_LISTING - after.reduce((s, m) => s + m.points + m.heldPoints, 0);
  expect(buyersLost).toBe(PRICE);
  expect(sellerAfter.points - sellerBefore.points).toBe(buyersLost);
});

test(`${SELLERS_ON_ONE_BID} sellers fill the same bid at once: one order, the others 409 and their codes untouched`, async () => {
  const PRICE = 7_000;
  const buyer = await newUser(PRICE);
  const sellers = await newUsers(SELLERS_ON_ONE_BID);
  const p = await freshProduct(10_000);
  const bid = await buyer.post("/api/bids", { productId: p.id, price: PRICE });
  expect(await me(buyer)).toMatchObject({ points: 0, heldPoints: PRICE });
  const codes = sellers.map(() => newCode());

  const rs = await Promise.all(sellers.map((s, i) => s.post(`/api/bids/${bid.body.id}/fill`, { code: codes[i], expiresAt: kstDate(30), expectedPrice: PRICE })));
  noServerErrors(rs);
  expect(tally(rs)).toEqual({ 201: 1, 409: SELLERS_ON_ONE_BID - 1 });
  for (const r of rs.filter((x) => x.status === 409)) expect(r.body.error.code).toBe("bid_filled");
  const w = rs.findIndex((r) => r.status === 201);

  expect(await me(buyer)).toMatchObject({ points: 0, heldPoints: 0 });
  const o = await buyer.get(`/api/orders/${rs[w].body.orderId}`);
  expect(o.body).toMatchObject({ price: PRICE, sellerNickname: sellers[w].user.nickname, gifticon: { code: codes[w] } });
  const bk = await book(buyer, p.id);
  expect(bk.bids).toEqual([]);
  expect(bk.trades.map((t) => t.price)).toEqual([PRICE]);
  for (const [i, s] of sellers.entries()) {
    expect((await s.get("/api/me/listings")).body.items, `seller ${i}`).toHaveLength(i === w ? 1 : 0);
  }
  // A loser's code was never registered: it can still be listed.
  const loser = rs.findIndex((r) => r.status === 409);
  const relist = await sellers[loser].post("/api/listings", listing(p.id, 8_000, { code: codes[loser] }));
  expect(relist.status, relist.text).toBe(201);
});

test(`${BIDDERS_ON_ONE_PRODUCT} users bid on one product at once: every bid holds exactly its price and the book lists them all`, async () => {
  const START = 10_000;
  const bidders = await newUsers(BIDDERS_ON_ONE_PRODUCT, START);
  const p = await freshProduct(10_000);
  const prices = bidders.map((_, i) => 5_000 + i * 10);

  const rs = await Promise.all(bidders.map((b, i) => b.post("/api/bids", { productId: p.id, price: prices[i] })));
  noServerErrors(rs);
  expect(tally(rs)).toEqual({ 201: BIDDERS_ON_ONE_PRODUCT });
  for (const [i, r] of rs.entries()) expect(r.body).toMatchObject({ status: "active", price: prices[i] });
  for (const [i, b] of bidders.entries()) expect(await me(b), `bidder ${i}`).toMatchObject({ points: START - prices[i], heldPoints: prices[i] });

  const bk = await book(bidders[0], p.id);
  expect(bk.bids.map((b) => b.id)).toEqual(rs.map((r) => r.body.id as number).reverse());
  expect(bk.bids.map((b) => b.price)).toEqual([...prices].reverse());
  expect(bk.highestBid).toBe(prices.at(-1));

  // Cancelled together, every hold comes back.
  const cancels = await Promise.all(bidders.map((b, i) => b.delete(`/api/bids/${rs[i].body.id}`)));
  expect(tally(cancels)).toEqual({ 200: BIDDERS_ON_ONE_PRODUCT });
  for (const b of bidders) expect(await me(b)).toMatchObject({ points: START, heldPoints: 0 });
  expect((await book(bidders[0], p.id)).bids).toEqual([]);
});

test(`the same code listed ${LISTINGS_OF_ONE_CODE} times at once: one listing, the others 409 on code`, async () => {
  const sellers = await newUsers(LISTINGS_OF_ONE_CODE);
  const p = await freshProduct(10_000);
  const code = newCode();
  const rs = await Promise.all(sellers.map((s, i) => s.post("/api/listings", listing(p.id, 8_000 + i * 10, { code }))));
  noServerErrors(rs);
  expect(tally(rs)).toEqual({ 201: 1, 409: LISTINGS_OF_ONE_CODE - 1 });
  for (const r of rs.filter((x) => x.status === 409)) {
    expect(r.body.error.code).toBe("code_already_listed");
    expect(Object.keys(r.body.error.fields)).toEqual(["code"]);
  }
  const w = rs.findIndex((r) => r.status === 201);
  const bk = await book(sellers[0], p.id);
  expect(bk.asks.map((a) => a.id)).toEqual([rs[w].body.id]);
  // The same seller twice at once, too.
  const again = newCode();
  const twice = await Promise.all([0, 1].map(() => sellers[0].post("/api/listings", listing(p.id, 9_000, { code: again }))));
  expect(tally(twice)).toEqual({ 201: 1, 409: 1 });
});

test(`a buyer whose points cover one purchase buys ${PURCHASES_BY_ONE_BUYER} listings at once: one succeeds, the balance never goes below zero`, async () => {
  const PRICE = 6_000;
  const buyer = await newUser(PRICE + PRICE - 1);
  const sellers = await newUsers(PURCHASES_BY_ONE_BUYER);
  const p = await freshProduct(10_000);
  const ids = [];
  for (const s of sellers) ids.push((await list(s, p.id, PRICE)).id);

  const rs = await Promise.all(ids.map((id) => buyer.post("/api/orders", { listingId: id, expectedPrice: PRICE })));
  noServerErrors(rs);
  expect(tally(rs)).toEqual({ 201: 1, 409: PURCHASES_BY_ONE_BUYER - 1 });
  for (const r of rs.filter((x) => x.status === 409)) expectError(r, 409, "insufficient_points", "points");
  expect(await me(buyer)).toMatchObject({ points: PRICE - 1, heldPoints: 0 });
  const bk = await book(buyer, p.id);
  expect(bk.asks).toHaveLength(PURCHASES_BY_ONE_BUYER - 1);
  expect(bk.trades).toHaveLength(1);

  // The same with buy-the-lowest: the points run out, not the asks.
  const more = await Promise.all(Array.from({ length: PURCHASES_BY_ONE_BUYER }, () => buyer.post("/api/orders", { productId: p.id, maxPrice: PRICE })));
  noServerErrors(more);
  expect(more.every((r) => r.status === 409)).toBe(true);
  expect((await me(buyer)).points).toBe(PRICE - 1);
});
