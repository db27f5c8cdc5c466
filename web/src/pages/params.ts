// A tool's parameters as inputs: a date picker per date, a select per
// choice, a number input (with a slider when bounded) per number, each under
// its label (the description is its tooltip). A parameter whose values come
// from the data (a store, a payment channel, an instance) becomes a select of
// those values by name once GET /api/tools/{id}/options answers; until then,
// or when the warehouse holds none, a plain field. Values live in the page's
// URL query, so a view can be shared; an empty input means the tool's default.
import { fetchParamOptions } from "../api";
import { el } from "../dom";
import type { ParamOption, ParamSpec } from "../types";

// What the select shows for the default when the default means "all" or
// "none" (0, or no default: the tool decides).
const NO_VALUE = "—";

// A select of the data's values. The default is offered as "—" when it names
// none of them ("0" for every store, "" for the tool's choice); a value in the
// URL that the data does not hold stays selectable, shown as it is.
function optionSelect(spec: ParamSpec, value: string, options: ParamOption[],
                      commit: (v: string) => void): HTMLSelectElement {
  const select = el("select", { id: `param-${spec.name}`, name: spec.name, "data-options": "" });
  const known = new Set(options.map((o) => o.value));
  if (!known.has(spec.default)) select.append(el("option", { value: spec.default }, NO_VALUE));
  const current = value || spec.default;
  if (!known.has(current) && current !== spec.default) select.append(el("option", { value: current }, current));
  for (const o of options) select.append(el("option", { value: o.value }, o.name));
  select.value = current;
  select.addEventListener("change", () => commit(select.value));
  return select;
}

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

export function paramsForm(tool: string, specs: ParamSpec[], query: URLSearchParams,
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
    const value = query.get(spec.name) ?? "";
    const field = input(spec, value, commit);
    form.append(el("label", { title: spec.description, "data-param": spec.name },
      el("span", { class: "param-name" }, spec.label || spec.name.replace(/_/g, " ")), field));
    if (spec.options) {
      fetchParamOptions(tool).then((doc) => {
        const options = doc[spec.name] ?? [];
        if (options.length) field.replaceWith(optionSelect(spec, value, options, commit));
      }, () => { /* the plain field stays */ });
    }
  }
  if (specs.length) {
    const reset = el("button", { type: "button", class: "button" }, "Defaults");
    reset.addEventListener("click", () => onChange(new URLSearchParams()));
    form.append(reset);
  }
  return form;
}
