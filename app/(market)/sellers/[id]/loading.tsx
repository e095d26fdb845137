import { LoadingView } from "@/components/ui/loading-view";

export default function Loading() {
  return <LoadingView label="판매 글을 불러오는 중…" blocks={["h-24", "h-24", "h-24"]} />;
}
