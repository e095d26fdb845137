/** Codes are typed with spaces or dashes and read off barcodes; compare them without those. */
export function normalizeCode(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}
