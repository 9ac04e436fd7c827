import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  formatDateTime,
  formatDay,
  isoInstant,
  localDay,
  offsetOutOfRange,
  parseIsoDate,
} from "../../src/content/dates.ts";

describe("parseIsoDate", () => {
  // want: the parsed instant as ISO with its kept offset, or null
  it.each([
    { value: "2025-08-15T17:05:00Z", zone: "Europe/Kyiv", want: "2025-08-15T17:05:00.000Z" },
    { value: "2025-08-15T17:05:00+02:00", zone: "UTC", want: "2025-08-15T17:05:00.000+02:00" },
    { value: "2025-08-15T17:05:00-05:00", zone: "Europe/London", want: "2025-08-15T17:05:00.000-05:00" },
    { value: "2025-08-15T17:05:00+0200", zone: "UTC", want: "2025-08-15T17:05:00.000+02:00" },
    { value: "2025-08-15T17:05:00+02", zone: "UTC", want: "2025-08-15T17:05:00.000+02:00" },
    { value: "2025-08-15T17:05:00.250Z", zone: "UTC", want: "2025-08-15T17:05:00.250Z" },
    { value: "2025-08-15 17:05:00Z", zone: "UTC", want: "2025-08-15T17:05:00.000Z" },
    // Without a zone: read in the site's zone (Kyiv is UTC+3 in summer, UTC+2 in winter).
    { value: "2025-08-15T17:05", zone: "Europe/Kyiv", want: "2025-08-15T17:05:00.000+03:00" },
    { value: "2025-01-15T17:05:00", zone: "Europe/Kyiv", want: "2025-01-15T17:05:00.000+02:00" },
    { value: "2025-08-15T17:05:00", zone: "UTC", want: "2025-08-15T17:05:00.000Z" },
    // A bare date is midnight in the site's zone.
    { value: "2025-08-15", zone: "Europe/Kyiv", want: "2025-08-15T00:00:00.000+03:00" },
    { value: "2025-08-15", zone: "America/New_York", want: "2025-08-15T00:00:00.000-04:00" },
    { value: "  2025-08-15  ", zone: "UTC", want: "2025-08-15T00:00:00.000Z" },
    { value: "2024-02-29", zone: "UTC", want: "2024-02-29T00:00:00.000Z" },
    { value: "2024-02-29T12:00:00Z", zone: "UTC", want: "2024-02-29T12:00:00.000Z" },
    // Not dates, or days that do not exist.
    { value: "2025-02-29", zone: "UTC", want: null },
    { value: "2025-02-30", zone: "UTC", want: null },
    { value: "2025-02-30T10:00:00Z", zone: "UTC", want: null },
    { value: "2025-13-01", zone: "UTC", want: null },
    { value: "2025-08-15T25:00Z", zone: "UTC", want: null },
    { value: "15 August", zone: "UTC", want: null },
    { value: "15 August 2025", zone: "UTC", want: null },
    { value: "2025-08", zone: "UTC", want: null },
    { value: "2025-W33-5", zone: "UTC", want: null },
    { value: "20250815", zone: "UTC", want: null },
    { value: "Fri, 15 Aug 2025 17:05:00 GMT", zone: "UTC", want: null },
    { value: "", zone: "UTC", want: null },
    { value: "   ", zone: "UTC", want: null },
  ])("$value in $zone -> $want", ({ value, zone, want }) => {
    const parsed = parseIsoDate(value, zone);
    expect(parsed === null ? null : parsed.toISO()).toBe(want);
  });

  it("keeps the written offset instead of converting to the site's zone", () => {
    const parsed = parseIsoDate("2025-08-15T17:05:00+02:00", "Europe/London");
    expect(parsed?.offset).toBe(120);
    expect(parsed?.toMillis()).toBe(Date.UTC(2025, 7, 15, 15, 5));
  });

  it("reads a zoneless time in the given zone, not the process zone", () => {
    expect(parseIsoDate("2025-08-15T00:30", "Europe/Kyiv")?.toMillis()).toBe(Date.UTC(2025, 7, 14, 21, 30));
  });
});

describe("localDay", () => {
  it.each([
    { iso: "2025-08-15T23:30:00Z", zone: "Europe/Kyiv", want: "2025-08-16" },
    { iso: "2025-08-15T23:30:00Z", zone: "UTC", want: "2025-08-15" },
    { iso: "2025-08-15T23:30:00Z", zone: "Europe/London", want: "2025-08-16" },
    { iso: "2025-08-15T03:30:00Z", zone: "America/New_York", want: "2025-08-14" },
    { iso: "2025-08-15T20:59:59Z", zone: "Europe/Kyiv", want: "2025-08-15" },
    { iso: "2025-08-15T21:00:00Z", zone: "Europe/Kyiv", want: "2025-08-16" },
    { iso: "2025-12-31T22:30:00Z", zone: "Europe/Kyiv", want: "2026-01-01" },
    { iso: "2025-08-16T01:00:00+03:00", zone: "UTC", want: "2025-08-15" },
    { iso: "2024-02-29T12:00:00Z", zone: "Pacific/Kiritimati", want: "2024-03-01" },
  ])("$iso in $zone -> $want", ({ iso, zone, want }) => {
    expect(localDay(DateTime.fromISO(iso, { setZone: true }), zone)).toBe(want);
  });

  it("two articles in the same second fall on the same day", () => {
    const a = DateTime.fromISO("2025-08-15T23:30:00Z", { setZone: true });
    const b = DateTime.fromISO("2025-08-16T02:30:00+03:00", { setZone: true });
    expect(a.toMillis()).toBe(b.toMillis());
    expect([localDay(a, "Europe/Kyiv"), localDay(b, "Europe/Kyiv")]).toEqual(["2025-08-16", "2025-08-16"]);
    expect([localDay(a, "UTC"), localDay(b, "UTC")]).toEqual(["2025-08-15", "2025-08-15"]);
  });
});

describe("isoInstant", () => {
  it.each([
    { iso: "2025-08-15T17:05:00Z", want: "2025-08-15T17:05:00Z" },
    { iso: "2025-08-15T17:05:00+02:00", want: "2025-08-15T17:05:00+02:00" },
    { iso: "2025-08-15T17:05:00.500+02:00", want: "2025-08-15T17:05:00.500+02:00" },
  ])("$iso -> $want", ({ iso, want }) => {
    expect(isoInstant(DateTime.fromISO(iso, { setZone: true }))).toBe(want);
  });
});

describe("formatDateTime", () => {
  it.each([
    { iso: "2025-08-15T17:05:00Z", zone: "Europe/London", locale: "en-GB", want: "15 August 2025 at 18:05 BST" },
    { iso: "2025-01-15T17:05:00Z", zone: "Europe/London", locale: "en-GB", want: "15 January 2025 at 17:05 GMT" },
    // The written offset does not matter: the site's zone decides the displayed time.
    { iso: "2025-08-15T19:05:00+02:00", zone: "Europe/London", locale: "en-GB", want: "15 August 2025 at 18:05 BST" },
    { iso: "2025-08-15T23:30:00Z", zone: "Europe/London", locale: "en-GB", want: "16 August 2025 at 00:30 BST" },
    { iso: "2025-08-15T17:05:00Z", zone: "UTC", locale: "en-GB", want: "15 August 2025 at 17:05 UTC" },
    { iso: "2025-08-15T17:05:00Z", zone: "Europe/Berlin", locale: "de-DE", want: "15. August 2025 um 19:05 MESZ" },
  ])("$iso in $zone, $locale -> $want", ({ iso, zone, locale, want }) => {
    expect(formatDateTime(DateTime.fromISO(iso, { setZone: true }), zone, locale)).toBe(want);
  });
});

describe("formatDay", () => {
  it.each([
    { day: "2025-08-15", locale: "en-GB", want: "Friday 15 August 2025" },
    { day: "2025-08-16", locale: "en-GB", want: "Saturday 16 August 2025" },
    { day: "2024-02-29", locale: "en-GB", want: "Thursday 29 February 2024" },
    { day: "2026-01-01", locale: "en-GB", want: "Thursday 1 January 2026" },
    { day: "2025-08-16", locale: "de", want: "Samstag 16 August 2025" },
  ])("$day in $locale -> $want", ({ day, locale, want }) => {
    expect(formatDay(day, locale)).toBe(want);
  });
});

describe("zone offsets", () => {
  it.each([
    ["2025-08-15T10:00:00+18:00", true],
    ["2025-08-15T10:00:00-18:00", true],
    ["2025-08-15T10:00:00+1800", true],
    ["2025-08-15T10:00+18:01", false],
    ["2025-08-15T10:00:00+25:00", false],
    ["2025-08-15T10:00:00-19", false],
    // A bare date's hyphens are not an offset.
    ["2025-02-28", true],
  ])("%s is accepted: %s", (value, accepted) => {
    expect(parseIsoDate(value, "UTC") !== null).toBe(accepted);
    expect(offsetOutOfRange(value)).toBe(!accepted);
  });
});
