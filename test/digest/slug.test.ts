import { describe, expect, it } from "vitest";
import { slugify } from "../../src/digest/slug.ts";

describe("slugify", () => {
  it.each([
    { text: "Donald Trump", want: "donald-trump" },
    { text: "São Paulo", want: "sao-paulo" },
    { text: "Zürich", want: "zurich" },
    { text: "naïve café", want: "naive-cafe" },
    { text: "Київ", want: "kiyiv" },
    { text: "Ελλάδα", want: "ellada" },
    { text: "İstanbul", want: "istanbul" },
    { text: "Straße", want: "strasse" },
    // Camel case is not split: a name is one word.
    { text: "iPhone", want: "iphone" },
    { text: "OpenAI", want: "openai" },
    { text: "AT&T", want: "at-and-t" },
    { text: "C++", want: "c" },
    { text: "C#", want: "c" },
    { text: "C", want: "c" },
    { text: "50%", want: "50-percent" },
    { text: "G7 Summit 2025", want: "g7-summit-2025" },
    { text: "Ukraine's war", want: "ukraines-war" },
    { text: "  Kyiv  ", want: "kyiv" },
    { text: "--already-slugged--", want: "already-slugged" },
    { text: "a   b\tc", want: "a-b-c" },
    { text: "Climate — COP30", want: "climate-cop30" },
    // Nothing left to make a slug from.
    { text: "", want: "" },
    { text: "   ", want: "" },
    { text: "🎉", want: "" },
    { text: "🎉🔥", want: "" },
    { text: "—!?", want: "" },
  ])("$text -> $want", ({ text, want }) => {
    expect(slugify(text)).toBe(want);
  });

  it.each(["Donald Trump", "São Paulo", "C++", "Київ", "🎉"])("is idempotent on %s", (text) => {
    const once = slugify(text);
    expect(slugify(once)).toBe(once);
  });

  it.each(["Donald Trump", "São Paulo", "Київ", "AT&T", "G7 Summit 2025"])(
    "gives only lowercase ASCII letters, digits and single inner hyphens for %s",
    (text) => {
      expect(slugify(text)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    },
  );
});

describe("slugify in every script", () => {
  it.each([
    // Latin, Greek and Cyrillic are transliterated (URLs made before stay the same) ...
    { text: "Москва", want: "moskva" },
    // ... every other script keeps its letters, lowercased where it has case.
    { text: "東京", want: "東京" },
    { text: "القاهرة", want: "القاهرة" },
    { text: "תל אביב", want: "תל-אביב" },
    { text: "Tokyo 東京", want: "tokyo-東京" },
    { text: "東京 & Osaka", want: "東京-and-osaka" },
    { text: "नई दिल्ली", want: "नई-दिल्ली" },
    // A letter the transliteration table lacks is kept, not lost.
    { text: "ƛ", want: "ƛ" },
  ])("$text -> $want", ({ text, want }) => {
    expect(slugify(text)).toBe(want);
  });

  it.each(["東京", "القاهرة", "Tokyo 東京", "नई दिल्ली"])("is idempotent on %s", (text) => {
    expect(slugify(slugify(text))).toBe(slugify(text));
  });

  it("is empty exactly when the name has no letter or digit", () => {
    for (const text of ["🎉", "—!?", " ", "東", "ƛ", "٣", "a"])
      expect(slugify(text) === "").toBe(!/[\p{L}\p{N}]/u.test(text));
  });
});
