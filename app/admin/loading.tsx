import { LoadingView } from "@/components/ui/loading-view";

export default function Loading() {
  return <LoadingView label="관리자 화면을 불러오는 중…" blocks={["h-24", "h-64"]} />;
}
