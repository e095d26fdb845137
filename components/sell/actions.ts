"use server";

import { createListing } from "@/lib/market/commands/listings";
import { createListingSchema, formMoney } from "@/lib/market/schemas";
import { formAction } from "@/lib/forms/action";
import { voucherChecks } from "@/lib/market/form-checks";
import { readVoucherImage } from "@/lib/forms/form-data";

// List a gifticon. If it meets a buy bid at once it is sold on the spot; the product page says which.
export const createListingAction = formAction(
  { schema: createListingSchema.extend({ price: formMoney }), limit: "trade", fieldChecks: voucherChecks },
  async (input, { actor, formData, idempotency }) => {
    const image = await readVoucherImage(formData);
    const { seq, value } = await createListing(
      actor,
      { ...input, image },
      idempotency("ui:create-listing", { productId: input.productId, price: input.price, expiresAt: input.expiresAt.toISOString() }),
    );
    const at = `/products/${input.productId}`;
    return { seq, redirectTo: value.status === "sold" && value.orderId ? `${at}?sold=${value.orderId}` : `${at}?listed=${value.id}` };
  },
);
