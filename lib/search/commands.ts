import "server-only";
import { eq } from "drizzle-orm";
import { isDuplicate } from "@/db/errors";
import { searchAliases } from "@/db/schema";
import { assertAdmin } from "@/lib/accounts/commands";
import { AppError, fieldError } from "@/lib/errors";
import { catalogChanged } from "@/lib/market/changes";
import { affected, command, type Actor } from "@/lib/write/command";
import type { SearchAliasInput } from "./schemas";

// Admin: search aliases. A change fences the catalog (search results and the suggestion index are
// re-read from a node that has it) and raises the browse pages' version.

export async function addSearchAlias(admin: Actor, input: SearchAliasInput) {
  try {
    return await command(async (tx, emit) => {
      await assertAdmin(tx, admin);
      const [{ id }] = await tx.insert(searchAliases).values(input).$returningId();
      emit(catalogChanged());
      return { id };
    });
  } catch (e) {
    if (isDuplicate(e, "search_aliases_alias_uq")) throw fieldError("alias", "이미 등록된 줄임말입니다.", "alias_taken");
    throw e;
  }
}

export async function removeSearchAlias(admin: Actor, aliasId: number) {
  return command(async (tx, emit) => {
    await assertAdmin(tx, admin);
    const res = await tx.delete(searchAliases).where(eq(searchAliases.id, aliasId));
    if (affected(res) === 0) throw new AppError("not_found", "alias_not_found", "줄임말을 찾을 수 없습니다.");
    emit(catalogChanged());
    return { id: aliasId };
  });
}
