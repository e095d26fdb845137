"use client";

import { ErrorView } from "@/components/ui/error-view";

export default function AdminError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorView {...props} title="관리자 화면을 불러오지 못했습니다" />;
}
