// Lead images' hashes kept by stat beside the card cache: taken on an unchanged stat without a read,
// read again when the stat changed, when the record is too close to the image's change to vouch for
// it (racy clean), or when its line is damaged.
import { createHash } from "node:crypto";
import { readFileSync, statSync, utimesSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { statText } from "../../../src/publish/cache-file.ts";
import { leadHash, readLeadHashes } from "../../../src/images/cards/lead-hashes.ts";

let dir: string;
let record: string;
let image: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "broadsheet-lead-hashes-"));
  record = join(dir, "cards.leads");
  image = join(dir, "lead.jpg");
  await writeFile(image, "the bytes of a photo");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const forged = "f".repeat(64);
/** Makes the record look written `seconds` after the image last changed. */
const recordAfter = (seconds: number) => {
  const changed = statSync(image).ctimeMs / 1000;
  utimesSync(record, changed + seconds, changed + seconds);
};

describe("lead hashes", () => {
  it("reads and hashes an image not in the record, and adds its line", async () => {
    const found = await leadHash(readLeadHashes(record), image);
    expect(found).toEqual({ hash: sha("the bytes of a photo"), bytes: Buffer.from("the bytes of a photo") });
    expect(readFileSync(record, "utf8")).toBe(`${image}\t${statText(statSync(image))}\t${found.hash}\n`);
  });

  it("takes the recorded hash on the same stat without reading the image", async () => {
    // A line whose hash is not the image's: only a build that does not read the image returns it.
    await writeFile(record, `${image}\t${statText(statSync(image))}\t${forged}\n`);
    recordAfter(10);
    expect(await leadHash(readLeadHashes(record), image)).toEqual({ hash: forged });
  });

  it("reads an image again when its stat changed, and the next build takes the new line", async () => {
    await leadHash(readLeadHashes(record), image);
    await writeFile(image, "another photo, longer than the first");
    const found = await leadHash(readLeadHashes(record), image);
    expect(found.hash).toBe(sha("another photo, longer than the first"));
    recordAfter(10);
    expect(await leadHash(readLeadHashes(record), image)).toEqual({ hash: found.hash });
  });

  it("reads an image again when the record was written within two seconds of its change (racy clean)", async () => {
    await writeFile(record, `${image}\t${statText(statSync(image))}\t${forged}\n`);
    recordAfter(1);
    expect((await leadHash(readLeadHashes(record), image)).hash).toBe(sha("the bytes of a photo"));
  });

  it.each([
    ["a short hash", (stat: string) => `${image}\t${stat}\t${forged.slice(1)}\n`],
    ["an extra field", (stat: string) => `${image}\t${stat}\t${forged}\textra\n`],
    ["no hash", (stat: string) => `${image}\t${stat}\n`],
  ])("leaves out a damaged line (%s) and reads the image", async (_, line) => {
    await writeFile(record, line(statText(statSync(image))));
    recordAfter(10);
    expect((await leadHash(readLeadHashes(record), image)).hash).toBe(sha("the bytes of a photo"));
  });

  it("fails as a read does for a missing image, and records nothing", async () => {
    await expect(leadHash(readLeadHashes(record), join(dir, "gone.jpg"))).rejects.toMatchObject({ code: "ENOENT" });
    await expect(readFile(record)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
