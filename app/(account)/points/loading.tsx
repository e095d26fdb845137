import { LoadingView } from "@/components/ui/loading-view";

export default function Loading() {
  return <LoadingView label="포인트를 불러오는 중…" blocks={["h-24", "h-72", "h-64"]} />;
}
