// A tool's parameters as inputs: a date picker per date, a select per
// choice, a number input (with a slider when bounded) per number. Values live
// in the page's URL query, so a view can be shared; an empty input means the
// tool's default.
import { el } from "../dom";
import type { ParamSpec } from "../types";

function input(spec: ParamSpec, value: string, commit: (v: string) => void): HTMLElement {
  const id = `param-${spec.name}`;
  if (spec.type === "choice") {
    const select = el("select", { id, name: spec.name },
      ...(spec.choices ?? []).map((c) => el("option", { value: c }, c)));
    select.value = value || spec.default;
    select.addEventListener("change", () => commit(select.value));
    return select;
  }
  const type = spec.type === "date" ? "date" : spec.type === "text" ? "text" : "number";
  const box = el("input", { id, name: spec.name, type, value, placeholder: spec.default || (spec.type === "date" ? "" : "default") });
  if (type === "number") {
    box.step = spec.type === "int" ? "1" : "any";
    if (spec.min !== undefined) box.min = String(spec.min);
    if (spec.max !== undefined) box.max = String(spec.max);
  }
  box.addEventListener("change", () => commit(box.value));
  if (type !== "number" || spec.min === undefined || spec.max === undefined || spec.max - spec.min > 1000) return box;
  // A bounded what-if gets a slider beside its number.
  const slider = el("input", { type: "range", min: String(spec.min), max: String(spec.max), "aria-label": spec.name,
    step: spec.type === "int" ? "1" : String((spec.max - spec.min) / 100) });
  slider.value = value || spec.default || String(spec.min);
  slider.addEventListener("input", () => (box.value = slider.value));
  slider.addEventListener("change", () => commit(slider.value));
  box.addEventListener("input", () => (slider.value = box.value));
  return el("span", { class: "with-slider" }, box, slider);
}

export function paramsForm(specs: ParamSpec[], query: URLSearchParams,
                           onChange: (query: URLSearchParams) => void): HTMLElement {
  const form = el("form", { class: "params", autocomplete: "off" });
  form.addEventListener("submit", (e) => e.preventDefault());
  for (const spec of specs) {
    const commit = (v: string) => {
      const next = new URLSearchParams(query);
      if (v === "" || v === spec.default) next.delete(spec.name);
      else next.set(spec.name, v);
      onChange(next);
    };
    form.append(el("label", { title: spec.description },
      el("span", { class: "param-name" }, spec.name.replace(/_/g, " ")),
      input(spec, query.get(spec.name) ?? "", commit)));
  }
  if (specs.length) {
    const reset = el("button", { type: "button", class: "button" }, "Defaults");
    reset.addEventListener("click", () => onChange(new URLSearchParams()));
    form.append(reset);
  }
  return form;
}
