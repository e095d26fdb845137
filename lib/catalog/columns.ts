import { brands, gifticons, listings, products, users } from "@/db/schema";

// Column maps shared by the read side (views, pages) and the commands (which build the same shapes for the
// deltas they publish), so a product or an ask looks the same wherever it is read.

/** A product with its brand (ProductInfo): select from products joined with brands. */
export const productInfoColumns = {
  id: products.id,
  brandId: products.brandId,
  brandName: brands.name,
  brandSlug: brands.slug,
  brandColor: brands.color,
  name: products.name,
  nameEn: products.nameEn,
  category: products.category,
  faceValue: products.faceValue,
  emoji: products.emoji,
};

/** An ask as the books show it (AskItem, dates still Date): select from listings joined with users (seller) and gifticons (validity). */
export const askColumns = {
  id: listings.id,
  productId: listings.productId,
  sellerId: listings.sellerId,
  sellerNickname: users.nickname,
  price: listings.price,
  deadline: listings.deadline,
  validUntil: gifticons.expiresAt,
  createdAt: listings.createdAt,
};
