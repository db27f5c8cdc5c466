// Values as a person reads them, from their type alone: money from cents and
// its currency, rates as percentages, counts with separators.
import type { Typed, Value } from "./types";

const intFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let f = moneyFormats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat("en-US", { style: "currency", currency, currencyDisplay: "narrowSymbol" });
    } catch {
      f = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    moneyFormats.set(currency, f);
  }
  return f;
}

// Bytes in binary units, as memory is sized, to three significant digits
// (1.50 GiB, 312 MiB, 78.1 MiB, 48 B) or to `digits` decimals; the same rule
// as the C++ reports' core/units.h.
const byteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
export function formatBytes(value: number, digits?: number): string {
  let v = value;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < byteUnits.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${intFormat.format(v)} B`;
  const a = Math.abs(v);
  const d = digits ?? (a < 9.995 ? 2 : a < 99.95 ? 1 : 0);
  return `${v.toFixed(d)} ${byteUnits[i]}`;
}

// Durations as d/h/m/s: 0.25 s, 42 s, 6m 9s, 3h 2m, 4d 3h (core/units.h).
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? "-" : "";
  const s = Math.abs(seconds);
  if (s < 9.995) return `${sign}${s.toFixed(2)} s`;
  if (s < 59.5) return `${sign}${s.toFixed(0)} s`;
  const whole = Math.round(s);
  const d = Math.floor(whole / 86400), h = Math.floor((whole % 86400) / 3600);
  const m = Math.floor((whole % 3600) / 60), sec = whole % 60;
  if (d > 0) return `${sign}${d}d ${h}h`;
  if (h > 0) return `${sign}${h}h ${m}m`;
  return `${sign}${m}m ${sec}s`;
}

export function formatValue(value: Value, t: Typed): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  switch (t.type) {
    case "money":
      return moneyFormat(t.currency || "USD").format(value / 100);
    case "rate":
      return `${(value * 100).toFixed(Math.abs(value) < 0.1 ? 2 : 1)}%`;
    case "int":
      return intFormat.format(value);
    case "number":
      if (t.unit === "bytes") return formatBytes(value);
      if (t.unit === "s") return formatDuration(value);
      return numberFormat.format(value) + (t.unit ? ` ${t.unit}` : "");
    default:
      return String(value);
  }
}

// A compact axis label: money in whole units, rates in %, big numbers abbreviated.
export function formatAxis(value: number, t: Typed): string {
  if (t.type === "rate") return `${(value * 100).toFixed(1)}%`;
  if (t.type === "number" && t.unit === "bytes") return formatBytes(value, 1);
  const v = t.type === "money" ? value / 100 : value;
  const abs = Math.abs(v);
  const short = abs >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : abs >= 1e4 ? `${(v / 1e3).toFixed(0)}k` : numberFormat.format(v);
  return t.type === "money" ? `$${short}` : short;
}

export function isNumericType(t: Typed): boolean {
  return t.type === "int" || t.type === "money" || t.type === "rate" || t.type === "number";
}

// When rows deleted at the sources were last removed, beside the data's as-of
// (src/report/data_freshness.h, the same rules): the label to the minute, and
// a plain warning when that was more than a day before the as-of date.
export function deletionsReconciledLabel(reconciled: string): string {
  return reconciled.length >= 16 ? `${reconciled.slice(0, 16)} UTC` : reconciled;
}

export function deletionsWarning(asOf: string, reconciled: string | null | undefined): string {
  if (!reconciled || reconciled.length < 19 || asOf.length < 10) return "";
  const at = Date.parse(`${reconciled.slice(0, 10)}T${reconciled.slice(11, 19)}Z`);
  const midnight = Date.parse(`${asOf.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(at) || Number.isNaN(midnight)) return "";
  const day = 24 * 3600 * 1000;
  const lag = midnight - at;
  if (lag <= day) return "";
  const days = Math.floor(lag / day);
  return `Deletions were last reconciled ${days} ${days === 1 ? "day" : "days"} before the data's as-of: ` +
    `rows deleted at the sources since ${deletionsReconciledLabel(reconciled)} still count in these figures ` +
    "until a sync reconciles them (luckyhub sync --reconcile).";
}
