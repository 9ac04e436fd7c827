// Benchmark photos: deterministic, textured JPEGs (gradients, waves, shapes and grain from the seeded
// generator) so that decoders and encoders do the work a real photo asks of them.
import sharp from "sharp";
import { createRandom, type Random } from "./random.ts";

/** What to generate. */
export interface PhotoOptions {
  /** Width in pixels. Default 1600. */
  width: number;
  /** Height in pixels. Default 1067 (3:2). */
  height: number;
  /** JPEG quality of the generated file. Default 88, like a camera's "fine". */
  quality: number;
}

/** Defaults of the photo generator. */
export const photoDefaults = { width: 1600, height: 1067, quality: 88 } satisfies PhotoOptions;

/** Raw RGB pixels of photo number `seed`: the same seed and size always give the same bytes. */
export function photoPixels(seed: number, width: number, height: number): Buffer {
  const r = createRandom(seed);
  const pixels = Buffer.alloc(width * height * 3);
  // A sky-to-ground gradient between two random colours, with waves of random period on each channel.
  const top = [r.int(40, 220), r.int(40, 220), r.int(40, 220)] as const;
  const bottom = [r.int(20, 200), r.int(20, 200), r.int(20, 200)] as const;
  const waves = [0, 1, 2].map(() => ({ fx: 8 + r.next() * 60, fy: 8 + r.next() * 60, amp: 10 + r.next() * 30 }));
  for (let c = 0; c < 3; c++) {
    const { fx, fy, amp } = waves[c]!;
    for (let y = 0; y < height; y++) {
      const base = top[c]! + (bottom[c]! - top[c]!) * (y / height);
      const phase = Math.sin(y / fy) * 2;
      for (let x = 0, i = y * width * 3 + c; x < width; x++, i += 3)
        pixels[i] = clamp(base + amp * Math.sin(x / fx + phase));
    }
  }
  for (let n = r.int(12, 30); n > 0; n--) shape(r, pixels, width, height);
  // Uint8Array stores values modulo 256, so every sum is clamped first.
  // Grain: what makes a photo expensive to encode, and what flat colour lacks.
  // An inline xorshift seeded from the generator: a function call per byte would double the time.
  let state = r.int(1, 0x7fffffff);
  for (let i = 0; i < pixels.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    pixels[i] = clamp(pixels[i]! + ((state >>> 0) % 25) - 12);
  }
  return pixels;
}

/** A JPEG of photo number `seed`. */
export async function generatePhoto(seed: number, options: Partial<PhotoOptions> = {}): Promise<Buffer> {
  const { width, height, quality } = { ...photoDefaults, ...options };
  return sharp(photoPixels(seed, width, height), { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

// A filled disc or rectangle of one colour with a soft edge, blended over what is there.
function shape(r: Random, pixels: Buffer, width: number, height: number): void {
  const [cx, cy] = [r.int(0, width - 1), r.int(0, height - 1)];
  const size = r.int(20, Math.min(width, height) / 5);
  const colour = [r.int(0, 255), r.int(0, 255), r.int(0, 255)];
  const disc = r.chance(0.5);
  for (let y = Math.max(0, cy - size); y < Math.min(height, cy + size); y++) {
    for (let x = Math.max(0, cx - size); x < Math.min(width, cx + size); x++) {
      const d = disc
        ? Math.sqrt((x - cx) ** 2 + (y - cy) ** 2) / size
        : Math.max(Math.abs(x - cx), Math.abs(y - cy)) / size;
      if (d >= 1) continue;
      const alpha = Math.min(1, (1 - d) * 4) * 0.7;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) pixels[i + c] = pixels[i + c]! * (1 - alpha) + colour[c]! * alpha;
    }
  }
}

function clamp(value: number): number {
  return Math.min(255, Math.max(0, value));
}
