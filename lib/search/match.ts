import { disassemble, getChoseong } from "es-hangul";

// Catalog search that reads Korean the way people type it (pure: no I/O, tested by tests/search/ranking.test.ts).
//
// - Spacing does not matter: a query (or one of its words) matches when it can be cut into pieces that each
//   appear in the product's brand or name ("스타벅스아메리카노" = "스타벅스" + "아메리카노").
// - Words are ANDed ("스타벅스 아메리카노"); when nothing has every word, products with some of them are shown.
// - Aliases (search_aliases, edited by admins) stand for what they mean: "스벅" = "스타벅스", "아아" =
//   "아이스 아메리카노"; a piece of a query may be an alias too ("스벅아아").
// - Initial consonants: "ㅅㅌㅂㅅ" matches 스타벅스 (es-hangul getChoseong).
// - A syllable still being typed matches by its letters (es-hangul disassemble): "스타ㅂ" finds 스타벅스.
// - Ranking: exact product > brand > every word > initial consonants > some words; then the shorter name
//   (more of it matched), then the lower id.

export type SearchDoc = { id: number; name: string; nameEn: string; brandName: string; brandNameEn: string; category?: string };
export type SearchAliasRow = { alias: string; expansion: string };
export type Ranked = { id: number; score: number };

export const SCORE = { exact: 1000, brand: 800, all: 500, choseong: 400, some: 100 } as const;
const MAX_PIECES_DEPTH = 2;

/** Lower case, NFC, no spaces or punctuation: the form queries, names and aliases are compared in. */
export function compact(s: string): string {
  return s.normalize("NFC").toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
}

const CHOSEONG_ONLY = /^[ㄱ-ㅎ]+$/;
const HANGUL = /^[가-힣ㄱ-ㅎㅏ-ㅣ]+$/;
/** A query word is cut into at most this many pieces. */
const MAX_PIECES = 4;

type Prepared = {
  doc: SearchDoc;
  names: string[]; // compact: name, nameEn, brand+name, brandEn+nameEn
  brands: string[]; // compact: brand, brandEn
  jamo: string[]; // disassembled fields: brand, name, brandEn, nameEn, category
  syllables: string[]; // the same fields, compact
  choseong: string[];
  length: number;
};

export type SearchIndex = { docs: Prepared[]; aliases: Map<string, string> };

export function buildIndex(docs: SearchDoc[], aliases: SearchAliasRow[]): SearchIndex {
  const map = new Map<string, string>();
  for (const a of aliases) {
    const k = compact(a.alias);
    if (k) map.set(k, a.expansion);
  }
  return {
    aliases: map,
    docs: docs.map((doc) => {
      const [name, nameEn, brand, brandEn] = [doc.name, doc.nameEn, doc.brandName, doc.brandNameEn].map(compact);
      const fields = [brand, name, brandEn, nameEn, compact(doc.category ?? "")].filter(Boolean);
      return {
        doc,
        names: [name, nameEn, brand + name, brandEn + nameEn],
        brands: [brand, brandEn],
        syllables: fields,
        jamo: fields.map((f) => disassemble(f)),
        choseong: [brand, name, brand + name].map((f) => getChoseong(f)).filter(Boolean),
        length: brand.length + name.length,
      };
    }),
  };
}

/** Whether `piece` (compact) appears in the document, by whole syllables or, for the last piece typed, by letters. */
function has(d: Prepared, piece: string, choseong: boolean): boolean {
  if (choseong) return d.choseong.some((f) => f.includes(piece));
  if (d.syllables.some((f) => f.includes(piece))) return true;
  const j = disassemble(piece);
  return d.jamo.some((f) => f.includes(j));
}

/** Can `s` be cut into pieces that each appear in the document (or are aliases of something that does)? */
function matches(ix: SearchIndex, d: Prepared, s: string, depth = 0): boolean {
  if (!s) return false;
  const choseong = CHOSEONG_ONLY.test(s);
  const chars = [...s];
  const n = chars.length;
  // pieces[i] = fewest pieces that cover the first i characters (Infinity: none).
  const pieces: number[] = new Array(n + 1).fill(Infinity);
  pieces[0] = 0;
  for (let i = 0; i < n; i++) {
    if (pieces[i] >= MAX_PIECES) continue;
    for (let j = n; j > i; j--) {
      if (pieces[j] <= pieces[i] + 1) continue;
      const piece = chars.slice(i, j).join("");
      // Short pieces match too much (아, e, 10): a piece shorter than a whole word is at least two Hangul
      // syllables or three other characters ("스타벅스" + "아메리카노"; never "a1b2" as "a1" + "b2").
      if (j - i < n && (HANGUL.test(piece) ? j - i < 2 : j - i < 3)) continue;
      if (has(d, piece, choseong) || aliasMatches(ix, d, piece, depth)) pieces[j] = pieces[i] + 1;
    }
    if (pieces[n] !== Infinity) return true;
  }
  return pieces[n] !== Infinity;
}

function aliasMatches(ix: SearchIndex, d: Prepared, piece: string, depth: number): boolean {
  if (depth >= MAX_PIECES_DEPTH) return false;
  const expansion = ix.aliases.get(piece);
  if (!expansion) return false;
  const words = words_(expansion);
  return words.every((w) => matches(ix, d, w, depth + 1)) || matches(ix, d, compact(expansion), depth + 1);
}

const words_ = (q: string) => q.split(/\s+/).map(compact).filter(Boolean);

/** The whole query as an exact product name or brand (after aliases), or null. */
function exactScore(ix: SearchIndex, d: Prepared, variants: string[]): number {
  if (variants.some((v) => d.names.includes(v))) return SCORE.exact;
  if (variants.some((v) => d.brands.includes(v))) return SCORE.brand;
  return 0;
}

/** The query's whole-string forms: as typed, and each alias it is (two levels: 아아 → 아이스 아메리카노 → ice …). */
function variantsOf(ix: SearchIndex, q: string): string[] {
  const out = new Set([compact(q)]);
  const a = ix.aliases.get(compact(q));
  if (a) out.add(compact(a));
  // A query made of alias words ("스벅 아아"): each word replaced by what it stands for.
  out.add(words_(q).map((w) => compact(ix.aliases.get(w) ?? w)).join(""));
  out.delete("");
  return [...out];
}

export function rank(ix: SearchIndex, query: string, limit = 500): Ranked[] {
  const words = words_(query);
  if (!words.length) return [];
  const variants = variantsOf(ix, query);
  const whole = compact(query);
  const scored: Ranked[] = [];
  for (const d of ix.docs) {
    let score = exactScore(ix, d, variants);
    if (!score) {
      const every = words.every((w) => matches(ix, d, w)) || (words.length > 1 && matches(ix, d, whole));
      if (every) score = CHOSEONG_ONLY.test(whole) ? SCORE.choseong : SCORE.all;
      else {
        const some = words.filter((w) => matches(ix, d, w)).length;
        if (some) score = SCORE.some + Math.round((50 * some) / words.length);
      }
    }
    // Within a tier, the product whose name is mostly what was typed comes first.
    if (score) scored.push({ id: d.doc.id, score: score + Math.max(0, 99 - d.length) / 100 });
  }
  const best = Math.max(0, ...scored.map((s) => s.score));
  // Products with only some of the words are shown only when nothing has them all.
  const shown = best >= SCORE.choseong ? scored.filter((s) => s.score >= SCORE.choseong) : scored;
  return shown.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
}
