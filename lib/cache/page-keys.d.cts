export const BROWSE_PAGE: "/products";
export function browsePageOf(category?: string | null): string;
export function pageVersionKey(path: string): string;
export function edgePathOf(page: string): string;
