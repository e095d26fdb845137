import type { MetadataRoute } from "next";

// The web app manifest (installable): served as /manifest.webmanifest.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "기프티 거래소",
    short_name: "기프티",
    description: "기프티콘을 정가보다 싸게 사고 파는 거래소",
    lang: "ko",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#047857",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  };
}
