// The customer-360 page's search bar: one box at the top for a customer's
// user_no or the last four digits of their phone (1234 or ***-***-1234).
// Enter or the button asks the report for ?search=<text>: the server decides
// what the text is (docs/tools/customer-360.md) and answers with the
// customer's card, the customers sharing those digits, "no customer found",
// or a 400 whose message the page shows as text. The box stands in for the
// form's user and phone_tail fields, which links (the churn-risk table's
// drill-down) still set. A whole phone number typed by mistake is refused
// here, before it reaches the URL, the history or the server (the server
// refuses it too, by the same rule).
import { el } from "../dom";

// The parameters the search bar stands for: the form leaves them out.
export const SEARCH_PARAMS = ["search", "user", "phone_tail"];

// Seven digits or more with a phone's punctuation, or ten or more: a whole
// phone number (a user_no of eight digits is not one).
function wholePhone(typed: string): boolean {
  const digits = (typed.match(/\d/g) ?? []).length;
  return /^[\d\s().+-]+$/.test(typed) && digits >= 7 && (digits >= 10 || /\D/.test(typed));
}

// What the box shows for the page's query: what was searched, else the
// customer or the masked digits a link opened.
function shown(query: URLSearchParams): string {
  const tail = query.get("phone_tail");
  return query.get("search") ?? query.get("user") ?? (tail ? `***-***-${tail.padStart(4, "0")}` : "");
}

export function customerSearch(query: URLSearchParams, onSearch: (next: URLSearchParams) => void): HTMLElement {
  const box = el("input", {
    id: "customer-search", type: "search", name: "search", value: shown(query), autocomplete: "off",
    placeholder: "user_no or the last 4 digits of a phone / ***-***-1234", "aria-label": "Find a customer",
  });
  // Red (error-text) only while it says something: an empty error-text would
  // read as an error to anything looking for one.
  const message = el("span", { class: "customer-search-message", role: "status" });
  const form = el("form", { class: "customer-search", role: "search" }, box,
    el("button", { type: "submit", class: "button" }, "Find customer"), message);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const typed = box.value.trim();
    if (wholePhone(typed)) {
      box.value = "";
      message.textContent = "A whole phone number is never searched: give its last four digits (***-***-1234).";
      message.classList.add("error-text");
      return;
    }
    message.textContent = "";
    message.classList.remove("error-text");
    const next = new URLSearchParams(query);
    for (const name of SEARCH_PARAMS) next.delete(name);
    if (typed) next.set("search", typed);
    onSearch(next);
  });
  return form;
}
