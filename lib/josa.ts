import { josa as esJosa, numberToHangul } from "es-hangul";

// Korean particles after any word the UI prints: names, brands, and amounts ("₩3,900이", "GS25가", "CU를").
// es-hangul picks the particle from the last Hangul syllable; a word that ends in a number is read as the
// number is said (3,900 → 삼천구백 → 이), and one that ends in a Latin letter as the letter is said.

type Particle = Parameters<typeof esJosa>[1];

// Latin letters whose Korean name ends in a final consonant: L 엘, M 엠, N 엔, R 알.
const LATIN_WITH_FINAL = new Set(["l", "m", "n", "r"]);

/** The particle alone, chosen for `word`. */
export function josaOf(word: string, particle: Particle): string {
  // es-hangul's particle names are not in one order ("이/가" but "와/과"): ask it for both forms.
  const withFinal = esJosa("각", particle).slice(1);
  const without = esJosa("가", particle).slice(1);
  const core = word.replace(/[\s)\]}'"’”.,!?·…]+$/u, "");
  const digits = /(\d[\d,]*)$/.exec(core);
  let reading = core;
  if (digits) reading = numberToHangul(Number(digits[1].replace(/,/g, ""))) || "영";
  else if (/[A-Za-z]$/.test(core)) return LATIN_WITH_FINAL.has(core.at(-1)!.toLowerCase()) ? withFinal : without;
  if (!/[가-힣]$/.test(reading)) return without;
  return esJosa(reading, particle).slice(reading.length);
}

/** `word` followed by the right particle: withJosa("₩3,900", "이/가") → "₩3,900이". */
export const withJosa = (word: string, particle: Particle) => `${word}${josaOf(word, particle)}`;
