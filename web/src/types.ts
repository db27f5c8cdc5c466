// The report JSON of docs/reports.md, the /api/tools document and the
// /api/home document (docs/dashboard.md): the only contract between the
// server and the page.

export type Status = "green" | "yellow" | "red" | "none";
export type ValueType = "int" | "money" | "rate" | "number" | "text" | "date" | "month";
export type Value = number | string | null;

export interface Typed {
  type: ValueType;
  currency?: string;
  unit?: string;
}

export interface Tile extends Typed {
  id: string;
  label: string;
  value: Value;
  status: Status;
  note?: string;
}

export interface Column extends Typed {
  id: string;
  label: string;
  link?: string;
}

export interface Series extends Typed {
  id: string;
  label: string;
  values: Value[];
  draw?: string; // bar charts: "line" draws the series as a line over the bars; "violin": a density (violin.ts)
}

export interface Point {
  label: string;
  x: number;
  y: number;
  size: number;
  group: string;
}

export interface Group {
  label: string;
  n: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  p95: number;
  max: number;
  mean: number;
}

export interface Alert {
  severity: Status;
  title: string;
  detail: string;
  link?: string;
}

export interface Panel {
  id: string;
  title: string;
  kind: string;
  description?: string;
  tiles?: Tile[];
  columns?: Column[];
  rows?: Value[][];
  x_label?: string;
  x_type?: string;
  x?: string[];
  series?: Series[];
  y_label?: string;
  value_label?: string;
  palette?: string;
  // A heat map's sparklines: one series per row of y, over their own x.
  sparklines?: { label: string; x: string[]; series: { id: string; label: string; values: Value[] }[] };
  y?: string[];
  values?: Value[][];
  x_split?: number;
  y_split?: number;
  quadrants?: string[];
  points?: Point[];
  unit?: string;
  groups?: Group[];
  alerts?: Alert[];
  text?: string;
  // entry panels (an editable grid sent back with Save)
  min?: number;
  max?: number;
  url?: string;
  method?: string;
  key?: string;
  fields?: Record<string, Value>;
}

export interface Report {
  report_format: number;
  tool: string;
  title: string;
  department: string;
  as_of: string;
  // UTC "YYYY-MM-DD HH:MM:SS" up to which rows deleted at the sources are
  // gone from the warehouse; null when the warehouse does not say.
  deletions_reconciled: string | null;
  params: Record<string, string>;
  panels: Panel[];
}

export interface ParamSpec {
  name: string;
  type: "text" | "int" | "number" | "date" | "choice";
  default: string;
  description: string;
  label: string;  // what a person reads beside the field
  choices?: string[];
  min?: number;
  max?: number;
  options?: boolean;  // its values come from the data: GET /api/tools/{id}/options
}

// One value of a data-valued parameter: what it is given, what a person reads.
export interface ParamOption {
  value: string;
  name: string;
}

// GET /api/tools/{id}/options: by parameter name.
export type ParamOptions = Record<string, ParamOption[]>;

export interface ToolInfo {
  id: string;
  number: number;
  department: string;
  title: string;
  summary: string;
  params: ParamSpec[];
}

export interface ToolsDoc {
  departments: { id: string; name: string }[];
  tools: ToolInfo[];
}

// A headline figure: a report's kpis tile, with the tool page whose report shows it.
export interface HomeFigure extends Tile {
  link: string;
}

export interface HomeTool {
  id: string;
  covers?: string;  // what the figures cover: "January 2026", "Now"
  figures: HomeFigure[];
  note?: string;    // why there are no figures
  error?: string;   // the headline failed
}

export interface HomeDoc {
  as_of: string;
  deletions_reconciled: string | null;  // UTC; null when not known
  tools: HomeTool[];
}

// GET /api/session and the answer of POST /api/login (docs/access.md): who is
// signed in, their role and stores (empty: every store), the CSRF token every
// state-changing request carries, and whether they may open the admin pages.
export interface Session {
  user: string;
  role: string;
  stores: number[];
  csrf: string;
  admin: boolean;
  open?: boolean;  // set by the page: a server without access control (serve --no-auth)
}
