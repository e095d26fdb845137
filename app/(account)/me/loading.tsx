import { LoadingView } from "@/components/ui/loading-view";

export default function Loading() {
  return <LoadingView label="마이페이지를 불러오는 중…" blocks={["h-24", "h-10", "h-28", "h-28"]} />;
}
