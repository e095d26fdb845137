// Renders public/icon.svg into the PNG icons, favicon.ico and the Open Graph image with the Chromium the
// tests use (node scripts/assets/make-icons.mjs). The outputs are committed; run again after changing the SVG.
import { chromium } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
const svg = readFileSync("public/icon.svg", "utf8");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
async function png(size, file, pad = 0, bg = "transparent") {
  await page.setViewportSize({ width: size, height: size });
  const inner = size - 2 * pad;
  await page.setContent(`<html><body style="margin:0;background:${bg}"><div style="padding:${pad}px">${svg.replace("<svg ", `<svg width="${inner}" height="${inner}" `)}</div></body></html>`);
  const buf = await page.screenshot({ omitBackground: bg === "transparent", clip: { x: 0, y: 0, width: size, height: size } });
  if (file) writeFileSync(file, buf);
  return buf;
}
await png(192, "public/icon-192.png");
await png(512, "public/icon-512.png");
await png(512, "public/icon-maskable-512.png", 64, "#047857");
await png(180, "public/apple-touch-icon.png", 0, "#047857");
const p32 = await png(32, null);
// favicon.ico: one 32×32 PNG inside an ICO container
const head = Buffer.alloc(22);
head.writeUInt16LE(0, 0); head.writeUInt16LE(1, 2); head.writeUInt16LE(1, 4);
head.writeUInt8(32, 6); head.writeUInt8(32, 7); head.writeUInt8(0, 8); head.writeUInt8(0, 9);
head.writeUInt16LE(1, 10); head.writeUInt16LE(32, 12); head.writeUInt32LE(p32.length, 14); head.writeUInt32LE(22, 18);
writeFileSync("public/favicon.ico", Buffer.concat([head, p32]));
// Open Graph image 1200×630
await page.setViewportSize({ width: 1200, height: 630 });
await page.setContent(`<html><body style="margin:0;width:1200px;height:630px;display:flex;align-items:center;gap:48px;padding:0 96px;box-sizing:border-box;background:#ecfdf5;font-family:'NanumGothic','Noto Sans CJK KR',sans-serif">${svg.replace("<svg ", '<svg width="240" height="240" ')}<div><div style="font-size:84px;font-weight:800;color:#065f46">기프티 거래소</div><div style="font-size:40px;color:#1e293b;margin-top:16px">기프티콘을 정가보다 싸게 사고 팔기</div></div></body></html>`);
writeFileSync("public/og.png", await page.screenshot());
await browser.close();
