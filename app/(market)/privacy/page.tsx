import type { Metadata } from "next";

export const metadata: Metadata = { title: "개인정보처리방침", description: "기프티 거래소가 모으는 개인정보와 그 보관·파기 (요약본).", alternates: { canonical: "/privacy" } };

export default function PrivacyPage() {
  return (
    <article className="mx-auto max-w-2xl space-y-4 rounded-3xl border border-slate-200 bg-white p-6 text-slate-700">
      <h1 className="text-2xl font-bold text-slate-900">개인정보처리방침</h1>
      <p className="text-sm text-slate-600">시행일 2026-12-01 · 요약본(예시)</p>
      <table className="w-full text-sm">
        <caption className="sr-only">수집하는 개인정보</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left">
            <th scope="col" className="py-2">항목</th>
            <th scope="col" className="py-2">목적</th>
            <th scope="col" className="py-2">보관</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          <tr>
            <td className="py-2">이메일, 닉네임, 비밀번호(해시)</td>
            <td className="py-2">회원 식별, 로그인</td>
            <td className="py-2">탈퇴 시까지</td>
          </tr>
          <tr>
            <td className="py-2">거래·포인트 기록</td>
            <td className="py-2">거래 이행, 분쟁 처리</td>
            <td className="py-2">5년 (전자상거래법)</td>
          </tr>
          <tr>
            <td className="py-2">출금 계좌 (암호화)</td>
            <td className="py-2">판매 대금 지급</td>
            <td className="py-2">지급 후 5년</td>
          </tr>
        </tbody>
      </table>
      <p>문의: 개인정보 보호책임자 홍길동 · privacy@gifty.example (예시)</p>
    </article>
  );
}
