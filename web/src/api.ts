// The dashboard's HTTP API. A report that takes a while to compute is
// answered 202 {"status":"computing","progress":p}; fetchReport polls until
// it is ready, telling the caller the progress.
import type { Report, ToolsDoc } from "./types";

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

export async function fetchReport(
  tool: string,
  params: URLSearchParams,
  onProgress: (progress: number) => void,
  signal?: AbortSignal,
): Promise<Report> {
  const url = reportUrl(tool, params);
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
