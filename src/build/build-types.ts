// What a production build is asked (its options) and what it says when done (its summary).
import type { ImageWork } from "../images/image-files.ts";
import type { BudgetVerdict } from "../publish/host-budget.ts";

/** Options of a production build. */
export interface BuildOptions {
  /** Content folder. Default `content`. */
  input?: string;
  /** Output folder, changed only when the build succeeds. Default `dist`. */
  output?: string;
  /** Keep drafts and items scheduled for later (a preview, as `--future` asks). Default false. */
  preview?: boolean;
  /** Folder for what builds remember (rendered Markdown, processed images). Default `.cache/broadsheet`. */
  cacheDir?: string;
  /** Publish a site without articles over an output that holds some. Default false. */
  allowEmpty?: boolean;
  /** Aborting it stops the build and leaves the output as it was (unless it is already switching). */
  signal?: AbortSignal;
  /** Stat every file of the output before keeping it, rather than taking its manifest's word. Default false. */
  verifyOutput?: boolean;
}

/** What a finished build did, for its summary line. */
export interface BuildSummary {
  articles: number;
  /** Files in the output. */
  pages: number;
  /** Pages rendered; the others were unchanged since the last build and kept as they were. */
  rendered: number;
  /** Files written because they were new or changed; the rest were left untouched. */
  written: number;
  /** Article bodies rendered from Markdown; the rest came from the cache. */
  markdown: number;
  /** Images processed, taken from the cache, and the time that took. */
  images: ImageWork;
  /** Items dated after the build, left out: their files and times. */
  heldBack: { file: string; date: string }[];
  /** Drafts left out. */
  drafts: number;
  tags: number;
  sources: number;
  /** The search index: its files and their total size in bytes. */
  search: { files: number; bytes: number };
  /** The output against the host's limits (src/publish/host-budget.ts). */
  budget: BudgetVerdict;
  seconds: number;
}
