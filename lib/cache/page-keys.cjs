// The version keys of rendered pages, in one place for the commands that raise them (lib/cache/keys.ts,
// lib/cache/publish.ts) and the page cache that reads them (lib/cache/page-cache-handler.cjs).
//
//   pv:<path>                the position of the last change shown on that page
//   pv:/products             every browse and search page: changes that any of them may show (catalog edits,
//                            brands, search aliases, and a market change whose product's category is unknown)
//   pv:/products~<category>  the browse and search pages that can show a product of that category: a market
//                            change (an ask, a bid, a sale) to such a product. A browse page reads the keys
//                            of the categories its query can show (lib/cache/page-deps.ts).
// Plain CommonJS because Next.js loads the page cache handler at run time, outside the app's bundles.
"use strict";
const { slotSuffix } = require("./cluster.cjs");

const BROWSE_PAGE = "/products";
const CATEGORY_MARK = "~";

/** The page that stands for the browse and search pages showing products of `category` (all of them without one). */
function browsePageOf(category) {
  return category ? `${BROWSE_PAGE}${CATEGORY_MARK}${category}` : BROWSE_PAGE;
}

/**
 * The version key of a page. A category's browse key shares the slot of `pv:/products` on a Redis Cluster
 * (a hash tag), so that a browse page's keys are read in one command.
 */
function pageVersionKey(path) {
  const key = `pv:${path}`;
  return path.startsWith(BROWSE_PAGE + CATEGORY_MARK) ? key + slotSuffix(`pv:${BROWSE_PAGE}`) : key;
}

/** The path a shared cache knows a page by (a category's browse pages are all under /products). */
function edgePathOf(page) {
  const i = page.indexOf(CATEGORY_MARK);
  return i < 0 ? page : page.slice(0, i);
}

module.exports = { BROWSE_PAGE, browsePageOf, pageVersionKey, edgePathOf };
