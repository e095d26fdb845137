import { LoadingView } from "@/components/ui/loading-view";

export default function Loading() {
  return <LoadingView label="판매 화면을 불러오는 중…" blocks={["h-20", "h-96"]} />;
}
