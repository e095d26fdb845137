import type { Metadata } from "next";

export const metadata: Metadata = { title: "서비스 소개", description: "기프티 거래소가 거래를 지키는 방법: 가격, 유효기간, 코드 보호, 구매 확정과 분쟁 처리.", alternates: { canonical: "/about" } };

// A page with no data at all: prerendered at build, it is also the load benchmark's ceiling.
export default function AboutPage() {
  return (
    <article className="prose mx-auto max-w-2xl space-y-4 rounded-3xl border border-slate-200 bg-white p-6 text-slate-700">
      <h1 className="text-2xl font-bold text-slate-900">기프티 거래소는 이런 곳이에요</h1>
      <p>선물 받았지만 쓰지 않는 기프티콘을 정가보다 싸게 팔고, 필요한 기프티콘을 싸게 사는 거래소입니다.</p>
      <h2 className="text-lg font-bold text-slate-900">안전한 거래</h2>
      <ul className="list-disc space-y-1 pl-5">
        <li>기프티콘 코드는 암호화되어 보관되고, 거래가 끝난 뒤 구매자에게만 공개됩니다.</li>
        <li>같은 코드는 거래소에 한 번만 올라갈 수 있습니다.</li>
        <li>구매자가 코드가 잘 쓰였다고 확정해야(또는 72시간 뒤 자동으로) 판매자에게 대금이 지급됩니다.</li>
        <li>문제가 있으면 신고하세요. 관리자가 확인하고 환불하거나 거래를 완료합니다.</li>
      </ul>
      <h2 className="text-lg font-bold text-slate-900">사고 파는 방법</h2>
      <ul className="list-disc space-y-1 pl-5">
        <li>즉시 구매: 가장 싼 판매 글을 바로 삽니다.</li>
        <li>구매 입찰: 원하는 가격을 정해 두면 그 가격 이하로 파는 사람이 나타날 때 체결됩니다.</li>
        <li>판매 등록: 코드와 유효기간, 가격(정가 이하)을 입력해 판매 글을 올립니다.</li>
        <li>즉시 판매: 가장 높은 구매 입찰에 바로 팝니다.</li>
      </ul>
    </article>
  );
}
