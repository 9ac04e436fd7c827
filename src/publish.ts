// Writes a finished build into the output folder all at once: readers never see half a site,
// and a failed build never touches the previous one.
import { copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

/** One output file, with its path relative to the output folder. */
export interface OutputFile {
  path: string;
  content: string | Uint8Array;
}

/** A file copied into the output as it is. */
export interface CopiedFile {
  from: string;
  to: string;
}

/**
 * Writes `files` and `copies` into a sibling staging folder, then swaps it in place of `outDir`
 * with two renames. Until the swap, `outDir` is exactly as it was.
 */
export async function publish(files: readonly OutputFile[], copies: readonly CopiedFile[], outDir: string): Promise<number> {
  const target = resolve(outDir);
  const staging = `${target}.partial-${process.pid}`;
  const retired = `${target}.old-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    const dirs = new Set([...files.map((f) => f.path), ...copies.map((c) => c.to)].map((p) => dirname(join(staging, p))));
    // Parents first, one mkdir per folder, rather than one per file.
    for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
    await Promise.all([
      ...files.map((f) => writeFile(join(staging, f.path), f.content)),
      ...copies.map((c) => copyFile(c.from, join(staging, c.to))),
    ]);
    const hadPrevious = await rename(target, retired).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      },
    );
    await rename(staging, target);
    if (hadPrevious) await rm(retired, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return files.length + copies.length;
}

/** Copies files into `outDir` where the copy is missing or differs in size (the dev server's path). */
export async function copyChanged(copies: readonly CopiedFile[], outDir: string): Promise<void> {
  await Promise.all(
    copies.map(async (c) => {
      const to = join(outDir, c.to);
      const [source, target] = await Promise.all([stat(c.from), stat(to).catch(() => null)]);
      if (target?.size === source.size) return;
      await mkdir(dirname(to), { recursive: true });
      await copyFile(c.from, to);
    }),
  );
}
