// "4,500", "4500원", "₩4,500" → 4500 (NaN when it is not a number), as the schemas read money fields.
export const parseMoney = (v: string) => (v.trim() ? Number(v.replace(/[,\s원₩]/g, "")) : NaN);
