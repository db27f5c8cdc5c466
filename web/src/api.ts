// The dashboard's HTTP API. A report (or the home document) that takes a
// while to compute is answered 202 {"status":"computing","progress":p};
// fetchReport and fetchHome poll until it is ready, telling the caller the
// progress.
import type { HomeDoc, Report, ToolsDoc } from "./types";

export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = await res.json();
    return new ApiError(res.status, body.error || res.statusText);
  } catch {
    return new ApiError(res.status, res.statusText);
  }
}

let toolsDoc: Promise<ToolsDoc> | null = null;

export function fetchTools(): Promise<ToolsDoc> {
  if (!toolsDoc) {
    toolsDoc = fetch("/api/tools").then(async (res) => {
      if (!res.ok) throw await errorOf(res);
      return res.json();
    });
    toolsDoc.catch(() => (toolsDoc = null));
  }
  return toolsDoc;
}

export function reportUrl(tool: string, params: URLSearchParams, csvPanel?: string): string {
  const q = new URLSearchParams(params);
  if (csvPanel !== undefined) q.set("panel", csvPanel);
  const qs = q.toString();
  return `/api/reports/${encodeURIComponent(tool)}${csvPanel !== undefined ? ".csv" : ""}${qs ? "?" + qs : ""}`;
}

// The whole report as a PDF or XLSX download, with the page's parameters.
export function exportUrl(tool: string, params: URLSearchParams, format: "pdf" | "xlsx"): string {
  const qs = new URLSearchParams(params).toString();
  return `/api/reports/${encodeURIComponent(tool)}.${format}${qs ? "?" + qs : ""}`;
}

export function fetchReport(
  tool: string,
  params: URLSearchParams,
  onProgress: (progress: number) => void,
  signal?: AbortSignal,
): Promise<Report> {
  return fetchComputed(reportUrl(tool, params), onProgress, signal);
}

// Every tool's headline figures (docs/dashboard.md): no report is computed.
export function fetchHome(signal?: AbortSignal): Promise<HomeDoc> {
  return fetchComputed("/api/home", () => {}, signal);
}

async function fetchComputed<T>(url: string, onProgress: (progress: number) => void,
                                signal?: AbortSignal): Promise<T> {
  for (;;) {
    const res = await fetch(url, { signal });
    if (res.status === 202) {
      const body = await res.json();
      onProgress(typeof body.progress === "number" ? body.progress : 0);
      await new Promise((r) => setTimeout(r, 400));
      continue;
    }
    if (!res.ok) throw await errorOf(res);
    return res.json();
  }
}
