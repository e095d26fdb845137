import { createHash } from "node:crypto";
import { rectifyConfusion } from "unicode-confusables";

// What a nickname may be, so that nobody can pass for someone else or for the site's staff. A nickname is
// shown next to listings and in the header; buyers trust "who sells this" by it.
//  - Stored in NFC: a name typed as decomposed Hangul (NFD, conjoining jamo) is the same name.
//  - No invisible or filler characters (U+3164 HANGUL FILLER, U+115F/U+1160, U+FFA0, zero-width, bidi
//    controls…), no compatibility forms (fullwidth "ａｄｍｉｎ", circled digits; Hangul compatibility jamo
//    such as "ㅋㅋ" are fine), only Hangul, Latin, Han, kana, Cyrillic and Greek letters, digits and _ . -.
//  - Latin, Cyrillic and Greek are not mixed, and a Cyrillic or Greek name made only of letters that look
//    Latin is refused ("аdmin" with a Cyrillic а, "Αрр1е").
//  - No staff words (관리자, 운영자, admin, staff, the site's name…), also inside longer names and in
//    look-alike spellings ("ADMlN", "a.d.m.i.n", "관리자님").
//  - Unique by look: the key (users.nickname_key) is a digest of the name's confusable skeleton (Unicode
//    UTS #39 confusables data, via unicode-confusables), case-folded, so a name that renders like an
//    existing one collides with it in a unique index.

const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Z}\u115f\u1160\u3164\uffa0\u2800]/u;
const LETTER = /^[\p{Script=Hangul}\p{Script=Latin}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Cyrillic}\p{Script=Greek}]$/u;
const allowed = (ch: string) => /^[0-9_.-]$/.test(ch) || (/^\p{L}$/u.test(ch) && LETTER.test(ch));
// Conjoining jamo that NFC could not compose into a syllable render like syllables in some fonts.
const LOOSE_JAMO = /[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]/u;
const COMPAT_JAMO = /^[\u3131-\u318e]$/u;

export const RESERVED_NICKNAME_WORDS = [
  "관리자",
  "운영자",
  "운영진",
  "운영팀",
  "고객센터",
  "상담원",
  "공식",
  // The site's name ("기프티 거래소", GIFTY); "기프티콘" alone is the everyday word for a voucher.
  "기프티거래소",
  "admin",
  "staff",
  "operator",
  "moderator",
  "official",
  "support",
  "system",
  "gifty",
];

/** The look of a name: NFKC, UTS #39 confusable mapping, case-folded, with "i" and "l" (and "I") alike. */
export function nicknameSkeleton(name: string): string {
  const map = (s: string) => rectifyConfusion(s.normalize("NFD")).normalize("NFD");
  return map(map(name.normalize("NFKC")).toLowerCase()).toLowerCase().replace(/[iı]/g, "l");
}

/** The unique key of a nickname (users.nickname_key): a digest of its skeleton. */
export function nicknameKey(name: string): string {
  return createHash("sha256").update(nicknameSkeleton(name)).digest("hex");
}

const compact = (s: string) => nicknameSkeleton(s).replace(/[_.\-‐‑‒–—]/g, "");
const RESERVED = RESERVED_NICKNAME_WORDS.map(compact);

/** Why a (NFC, trimmed) nickname is refused, in Korean for the form, or null when it is fine. */
export function nicknameProblem(name: string): string | null {
  if (INVISIBLE.test(name)) return "보이지 않는 문자, 공백, 채움 문자는 닉네임에 쓸 수 없습니다.";
  if (![...name].every(allowed)) return "닉네임에는 한글, 영문, 숫자와 _ . - 만 쓸 수 있습니다.";
  if (LOOSE_JAMO.test(name)) return "한글은 완성된 글자로 입력해 주세요.";
  for (const ch of name) {
    if (!COMPAT_JAMO.test(ch) && ch.normalize("NFKC") !== ch) return "전각 문자나 특수한 모양의 글자는 닉네임에 쓸 수 없습니다.";
  }
  const latin = /\p{Script=Latin}/u.test(name);
  const cyrillic = /\p{Script=Cyrillic}/u.test(name);
  const greek = /\p{Script=Greek}/u.test(name);
  if (Number(latin) + Number(cyrillic) + Number(greek) > 1) return "영문과 키릴·그리스 문자를 섞어 쓸 수 없습니다.";
  if (cyrillic || greek) {
    const foreign = [...name].filter((c) => /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(c));
    if (foreign.every((c) => /^[a-z]+$/i.test(rectifyConfusion(c)))) return "영문처럼 보이는 키릴·그리스 문자만으로는 닉네임을 만들 수 없습니다.";
  }
  const look = compact(name);
  if (RESERVED.some((w) => look.includes(w))) return "운영진이나 사이트로 오해할 수 있는 이름(관리자, admin 등)은 쓸 수 없습니다.";
  return null;
}
