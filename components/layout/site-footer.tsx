export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-xs leading-relaxed text-slate-500 sm:px-6">
        <p className="font-medium text-slate-600">기프티 거래소</p>
        <p>기프티콘 코드는 암호화되어 보관되며 구매자에게만 공개됩니다. 포인트 충전은 테스트 모드 결제로만 이루어집니다.</p>
        <p>모든 시각은 한국 표준시(KST) 기준입니다.</p>
      </div>
    </footer>
  );
}
