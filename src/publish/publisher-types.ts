// What a Publisher is given and what it reports.
import type { StepHook } from "./faults.ts";

/** A file copied into the output as it is (an image variant, a social card): the one type for it. */
export interface CopiedFile {
  /** Absolute path of the source file. */
  from: string;
  /** Output path relative to the site root, such as `media/bridge-3f2a9c1d0b-800.avif`. */
  to: string;
}

/** What a publish did. */
export interface PublishResult {
  /** Files in the output. */
  files: number;
  /** Files written because they were new or changed. */
  written: number;
  /** Files of the previous output that no build produces any more, removed. */
  removed: number;
}

/** Options of a Publisher. */
export interface PublisherOptions {
  /** Called at each step (tests kill the process at one). Default: what `BROADSHEET_FAULT` asks for, else nothing. */
  onStep?: StepHook;
  /**
   * Stat each file of the current version before taking it, as when its manifest is not trusted; default
   * false: files the manifest records are taken on its word and checked once at commit (docs/rebuilds.md).
   */
  verify?: boolean;
  /** Where a one-line notice goes (a manifest not trusted); default `console.warn`. */
  notice?: (line: string) => void;
}
