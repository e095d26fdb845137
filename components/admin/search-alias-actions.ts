"use server";

import { z } from "zod";
import { formAction } from "@/lib/forms/action";
import { idSchema } from "@/lib/market/schemas";
import { addSearchAlias, removeSearchAlias } from "@/lib/search/commands";
import { searchAliasSchema } from "@/lib/search/schemas";

// /admin/search: the aliases search understands. Each command re-checks on the primary that the actor is an admin.

export const addSearchAliasAction = formAction({ schema: searchAliasSchema, who: "admin" }, async (input, { actor }) => {
  const { seq } = await addSearchAlias(actor, input);
  return { seq, message: `줄임말을 추가했습니다: ‘${input.alias}’ → ‘${input.expansion}’` };
});

export const removeSearchAliasAction = formAction({ schema: z.object({ aliasId: idSchema("줄임말") }), who: "admin" }, async ({ aliasId }, { actor }) => {
  const { seq } = await removeSearchAlias(actor, aliasId);
  return { seq, message: "줄임말을 지웠습니다." };
});
