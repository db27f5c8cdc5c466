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

// Bytes in binary units, as memory is sized: 1.50 GiB, 312.4 MiB, 48 B.
const byteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
export function formatBytes(value: number, digits = 2): string {
  let v = value;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < byteUnits.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${intFormat.format(v)} B` : `${v.toFixed(digits)} ${byteUnits[i]}`;
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
