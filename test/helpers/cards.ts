// What the social-card tests share: a photo made on the spot (no binary fixture) and a card's text.
import sharp from "sharp";
import type { CardJob } from "../../src/images/cards/card-render.ts";

/** A textured JPEG of the given size. */
export async function photo(width: number, height: number): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** The text of a generated card. */
export const cardText: CardJob["text"] = {
  headline: "Harbour bridge reopens",
  source: "Northbridge Courier",
  site: "The Morning Ledger",
  date: "Tuesday 24 November 2026",
  host: "ledger.example.org",
  language: "en-GB",
};
