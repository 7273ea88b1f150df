// Renders public/favicon.svg into public/favicon.ico (PNG images of 16 and 32
// pixels in an ICO container) with Debian's Chromium, so the icon is drawn
// once, in the SVG. Browsers use the SVG that root.tsx links; the .ico answers
// /favicon.ico for the clients that ask for it without reading the page.
// Run after changing the SVG: npx tsx server/render-favicon-ico.ts
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "public");
const svg = fs.readFileSync(path.join(publicDir, "favicon.svg"), "utf8");
const SIZES = [16, 32];

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const images: Buffer[] = [];
for (const size of SIZES) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
  images.push(await page.screenshot({ omitBackground: true, type: "png" }));
  await page.close();
}
await browser.close();

// ICONDIR, then one ICONDIRENTRY per image, then the PNGs.
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach((png, i) => {
  const entry = 6 + 16 * i;
  header.writeUInt8(SIZES[i]!, entry);
  header.writeUInt8(SIZES[i]!, entry + 1);
  header.writeUInt16LE(1, entry + 4); // colour planes
  header.writeUInt16LE(32, entry + 6); // bits per pixel
  header.writeUInt32LE(png.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += png.length;
});
fs.writeFileSync(path.join(publicDir, "favicon.ico"), Buffer.concat([header, ...images]));
console.log(`public/favicon.ico: ${SIZES.join(" and ")} pixels, ${offset} bytes`);
