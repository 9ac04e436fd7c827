// `npm run bench:cards -- --phases`: where one generated card's time goes, phase by phase, on one core:
// laying out the SVG (fontkit shaping and glyph paths), rasterising it (librsvg through sharp), and
// encoding the pixels in each candidate format. Prints CPU ms a card and bytes a card for each.
import { cardFaces } from "../../src/images/cards/card-fonts.ts";
import { cardDesignDefaults, cardSvg, type CardText } from "../../src/images/cards/card-layout.ts";
import { cardDefaults } from "../../src/images/cards/card-render.ts";
import { cardPalette, encodePalettePng } from "../../src/images/cards/card-png.ts";
import sharp from "sharp";

/** Runs `work` over every card and returns CPU milliseconds per card. */
async function cpuPerCard<T>(items: readonly T[], work: (item: T) => Promise<unknown> | unknown): Promise<number> {
  const before = process.cpuUsage();
  for (const item of items) await work(item);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / items.length;
}

/** Profiles `texts` phase by phase and prints one line per phase. */
export async function cardPhases(texts: readonly CardText[]): Promise<void> {
  sharp.concurrency(1);
  const faces = cardFaces();
  cardSvg(texts[0]!, faces); // fonts loaded and shaping warmed up outside the measurement
  const svgs: string[] = [];
  const layout = await cpuPerCard(texts, (t) => svgs.push(cardSvg(t, faces)));
  const raws: Buffer[] = [];
  const raster = await cpuPerCard(svgs, async (svg) =>
    raws.push(await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer()),
  );
  const { background, ...inks } = cardDesignDefaults.colours;
  const steps = cardDefaults.png.steps;
  const palette = cardPalette(
    background,
    Object.entries(inks).map(([ink, colour]) => ({ colour, steps: steps[ink as keyof typeof steps] })),
  );
  const raw = (b: Buffer) => sharp(b, { raw: { width: 1200, height: 630, channels: 4 } });
  const encoders: [string, (b: Buffer) => Promise<Buffer>][] = [
    ["palette PNG of the inks (now)", (b) => encodePalettePng(b, 1200, 630, palette, cardDefaults.png)],
    ["sharp PNG zlib 6 (until 2026-11-30)", (b) => raw(b).png({ compressionLevel: 6 }).toBuffer()],
    ["sharp palette 16 colours, effort 1", (b) => raw(b).png({ palette: true, colours: 16, effort: 1 }).toBuffer()],
    ["sharp palette 256, effort 7", (b) => raw(b).png({ palette: true }).toBuffer()],
    ["sharp JPEG q85 mozjpeg", (b) => raw(b).flatten().jpeg({ quality: 85, mozjpeg: true }).toBuffer()],
  ];
  console.log(`${texts.length} cards, CPU ms a card on one core:`);
  console.log(`  layout (SVG of glyph paths):  ${layout.toFixed(2)} ms, ${avg(svgs.map((s) => s.length))} B of SVG`);
  console.log(`  rasterise (librsvg):          ${raster.toFixed(2)} ms`);
  for (const [label, encode] of encoders) {
    const sizes: number[] = [];
    const ms = await cpuPerCard(raws, async (b) => sizes.push((await encode(b)).length));
    console.log(`  encode ${label.padEnd(36)} ${ms.toFixed(2)} ms, ${avg(sizes)} B`);
  }
}

const avg = (xs: number[]) =>
  Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toLocaleString("en-US");
