// Reading and formatting publication times, always in the site's time zone and locale.
import { DateTime } from "luxon";

const MAX_OFFSET_MINUTES = 18 * 60;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/**
 * Reads an ISO 8601 date or date-time. A value with a zone keeps its offset; a date-time without
 * one is read in `timeZone`; a bare date means 00:00 there. Returns null for anything else,
 * including impossible dates such as 2025-02-30.
 */
export function parseIsoDate(value: string, timeZone: string): DateTime | null {
  const text = value.trim();
  if (!DATE_ONLY.test(text) && !DATE_TIME.test(text)) return null;
  // ISO 8601 offsets reach ±18:00; Luxon accepts more, and a later Date conversion then throws.
  if (offsetOutOfRange(text)) return null;
  const parsed = DateTime.fromISO(text.replace(" ", "T"), { zone: timeZone, setZone: true });
  return parsed.isValid ? parsed : null;
}

/** Whether a date-time's zone offset lies beyond ±18:00 (`2025-08-15T10:00:00+25:00`). */
export function offsetOutOfRange(value: string): boolean {
  // Only after the time: the date's own hyphens are no offset.
  const offset = /[+-](\d{2}):?(\d{2})?$/.exec(value.trim().slice(16));
  return offset !== null && Number(offset[1]) * 60 + Number(offset[2] ?? 0) > MAX_OFFSET_MINUTES;
}

/**
 * The accepted forms of a date field, each with an example in the site's zone, for error messages:
 * `2025-08-15` (midnight in Europe/London), `2025-08-15T17:05` (in Europe/London), `2025-08-15T17:05:00+01:00`.
 */
export function acceptedDateForms(timeZone: string): string {
  const example = DateTime.fromISO("2025-08-15T17:05:00", { zone: timeZone });
  const offset = example.toFormat("ZZ");
  return `a date (2025-08-15, read as midnight in ${timeZone}), a date and time (2025-08-15T17:05, read in ${timeZone}) or a date and time with its zone (2025-08-15T17:05:00${offset === "+00:00" ? "Z" : offset}; offsets from -18:00 to +18:00)`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in the site's zone, as YYYY-MM-DD. */
export function localDay(date: DateTime, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  // The en-CA locale writes dates as YYYY-MM-DD; one formatter per zone, reused.
  if (!format)
    dayFormats.set(
      timeZone,
      (format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })),
    );
  return format.format(date.toMillis());
}

/** Machine-readable instant for `<time datetime>`, with its offset. */
export function isoInstant(date: DateTime): string {
  return date.toISO({ suppressMilliseconds: true }) ?? "";
}

/** Formats exact display times, such as "15 August 2025 at 18:05 BST"; one Intl formatter, reused. */
export function dateTimeFormatter(timeZone: string, locale: string): (date: DateTime) => string {
  const format = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  });
  return (date) => format.format(date.toMillis());
}

/** Exact display time, such as "15 August 2025 at 18:05 BST". */
export function formatDateTime(date: DateTime, timeZone: string, locale: string): string {
  return dateTimeFormatter(timeZone, locale)(date);
}

const dayHeadings = new Map<string, Map<string, string>>();

/**
 * Formats day headings, remembering each day formatted in this locale (a listing repeats days often,
 * and the dev server's next build meets the same days again). Bounded by the site's days.
 */
export function dayFormatter(locale: string): (day: string) => string {
  let seen = dayHeadings.get(locale);
  if (!seen) dayHeadings.set(locale, (seen = new Map()));
  const known = seen;
  return (day) => {
    let text = known.get(day);
    if (text === undefined) known.set(day, (text = formatDay(day, locale)));
    return text;
  };
}

/** Absolute day heading, such as "Friday 15 August 2025", for a YYYY-MM-DD day. */
export function formatDay(day: string, locale: string): string {
  return DateTime.fromISO(day, { zone: "UTC" }).setLocale(locale).toFormat("cccc d LLLL yyyy");
}
