import { describe, expect, it } from "vitest";
import { won } from "@/lib/format";
import { withJosa } from "@/lib/josa";

describe("josa after amounts, names and brands", () => {
  it.each([
    [won(3900), "이/가", "₩3,900이"],
    [won(4700), "이/가", "₩4,700이"],
    [won(5000), "을/를", "₩5,000을"],
    [won(2000), "은/는", "₩2,000은"],
    [won(12), "이/가", "₩12가"],
    [won(10), "을/를", "₩10을"],
    ["스타벅스", "이/가", "스타벅스가"],
    ["투썸플레이스", "을/를", "투썸플레이스를"],
    ["교촌치킨", "으로/로", "교촌치킨으로"],
    ["GS25", "이/가", "GS25가"],
    ["CU", "을/를", "CU를"],
    ["BBQ", "와/과", "BBQ와"],
    ["CGV", "은/는", "CGV는"],
    ["판매왕", "이/가", "판매왕이"],
  ])("%s + %s → %s", (word, particle, want) => {
    expect(withJosa(word, particle as "이/가")).toBe(want);
  });
});
