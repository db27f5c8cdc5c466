// A paragraph, e.g. why a what-if cannot be computed.
import { el } from "../dom";
import type { Panel } from "../types";

export function renderText(panel: Panel): HTMLElement {
  return el("p", { class: "panel-text" }, panel.text ?? "");
}
