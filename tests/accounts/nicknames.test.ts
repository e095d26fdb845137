import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { signUp } from "@/lib/accounts/commands";
import { nicknameKey, RESERVED_NICKNAME_WORDS } from "@/lib/accounts/nickname";
import { nicknameSchema, signUpSchema } from "@/lib/accounts/schemas";
import { expectAppError, uniq } from "../support/factory";

afterAll(() => closeDatabases());

// Names that try to pass for staff, for nobody (invisible), or for someone else.

const refused = (v: string) => {
  const r = nicknameSchema.safeParse(v);
  return r.success ? null : r.error.issues[0].message;
};

describe("nicknames", () => {
  it("are stored in NFC: a decomposed Hangul name is the same name", () => {
    const nfd = "민지짱".normalize("NFD");
    expect(nfd).not.toBe("민지짱");
    expect(nicknameSchema.parse(nfd)).toBe("민지짱");
    expect(nicknameKey(nfd)).toBe(nicknameKey("민지짱"));
  });

  it("refuse invisible, filler and control characters", () => {
    for (const v of ["\u3164\u3164", "민\u3164지", "\u115f\u1160", "\uffa0\uffa0", "민\u200b지", "민\u200d지", "민\u2060지", "민\ufeff지", "abc\u202edcba", "민\u2066지", "\u2800\u2800", "민\u00ad지", "민\u180e지", "민 지", "민\u3000지", "민\t지"]) {
      expect(refused(v), JSON.stringify(v)).toBeTruthy();
    }
    // Only fillers around a name: trimmed first, then too short or still invisible.
    expect(refused(" \u3164 ")).toBeTruthy();
  });

  it("refuse staff words, inside longer names and in look-alike spellings", () => {
    const attacks = ["관리자", "관리자님", "사이트관리자", "관_리_자", "관.리.자", "운영자", "운영팀장", "고객센터", "공식판매처", "기프티거래소", "기프티_거래소_", "admin", "ADMIN", "Admin1", "AdmIn", "ADMlN", "a.d.m.i.n", "adm_in", "staff", "STAFF", "gifty_official", "GIFTY", "Support", "moderator", "system"];
    for (const v of attacks) {
      expect(refused(v), v).toMatch(/운영진|관리자/);
    }
    expect(RESERVED_NICKNAME_WORDS).toEqual(expect.arrayContaining(["관리자", "운영자", "운영팀", "고객센터", "admin", "staff", "기프티거래소"]));
  });

  it("refuse compatibility forms and mixed Latin/Cyrillic/Greek look-alikes", () => {
    expect(refused("ａｄｍｉｎ")).toBeTruthy(); // fullwidth
    expect(refused("ｍｉｎｊｉ")).toMatch(/전각/);
    expect(refused("①②③")).toBeTruthy();
    expect(refused("аdmin")).toBeTruthy(); // Cyrillic а
    expect(refused("pаypal")).toMatch(/섞어/);
    expect(refused("Αpple")).toMatch(/섞어/); // Greek Alpha
    expect(refused("аре")).toMatch(/키릴/); // all Cyrillic, reads "ape"
    expect(refused("ΑΒΕ")).toMatch(/키릴/); // all Greek, reads "ABE"
    expect(refused("민지".normalize("NFD").slice(0, 2) + "\u1100")).toBeTruthy(); // a loose conjoining jamo
  });

  it("accept ordinary names", () => {
    for (const v of ["민지", "김철수", "ㅋㅋ부자", "기프티콘팬", "kim_01", "Jöhn", "coffee.lover", "달빛-고양이", "Минжи", "たなか", "王小明"]) expect(refused(v), v).toBeNull();
  });

  it("a name that looks like an existing one is refused at sign-up (nickname_taken), however it is written", async () => {
    const base = `look${uniq().slice(0, 6)}`;
    const first = { email: `n-${uniq()}@example.test`, password: "nick-pass-1234", nickname: base, agreeTerms: true };
    await signUp(signUpSchema.parse(first));
    const lookAlikes = [base.toUpperCase(), base.replace("l", "I"), base.replace("o", "0"), base.replace("l", "1"), base.replace("l", "|").replace("|", "l").replace("oo", "oо")];
    for (const nickname of lookAlikes) {
      const input = signUpSchema.safeParse({ email: `n-${uniq()}@example.test`, password: "nick-pass-1234", nickname, agreeTerms: true });
      if (!input.success) continue; // refused by the rules already (the mixed-script one)
      await expectAppError(signUp(input.data), { kind: "invalid", code: "nickname_taken", field: "nickname" });
    }
    // Two look-alikes ("l…" and "I…", distinct even case-insensitively) at the same moment: one gets it.
    const tail = `race${uniq().slice(0, 6)}`;
    const results = await Promise.allSettled(
      [`l${tail}`, `I${tail}`].map((nickname) => signUp(signUpSchema.parse({ email: `n-${uniq()}@example.test`, password: "nick-pass-1234", nickname, agreeTerms: true }))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["nickname_taken"]);
  });
});
