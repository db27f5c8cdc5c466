// The sign-in page, /login?next=<path>: a user name and a password, posted
// as JSON by fetch (never in a URL), then on to `next` (a path of this site
// only: api.ts's safeNext). The server's words are shown as they come: a
// wrong name or password (401), too many failures with the wait (429).
import { ApiError, login, safeNext } from "../api";
import { el } from "../dom";

export function renderLogin(root: HTMLElement, query: URLSearchParams): void {
  document.title = "Sign in · luckyhub";
  const next = safeNext(query.get("next"));
  const user = el("input", { id: "login-user", name: "user", type: "text", autocomplete: "username",
    autocapitalize: "none", spellcheck: "false", required: "", maxlength: "64" });
  const password = el("input", { id: "login-password", name: "password", type: "password",
    autocomplete: "current-password", required: "", maxlength: "256" });
  const submit = el("button", { class: "button primary", type: "submit" }, "Sign in");
  const message = el("p", { class: "login-message error-text", role: "alert", "aria-live": "assertive" });
  // method=post: were the handler ever missing, the browser would still not
  // put the password in the address.
  const form = el("form", { class: "login-form", method: "post", action: "/login", novalidate: "" },
    el("h1", {}, "Sign in"),
    el("p", { class: "muted" }, "Luckin Coffee USA department tools"),
    el("label", { for: "login-user" }, "User name"), user,
    el("label", { for: "login-password" }, "Password"), password,
    message,
    submit);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    message.textContent = "";
    if (!user.value.trim() || !password.value) {
      message.textContent = "Enter your user name and password.";
      (user.value.trim() ? password : user).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = "Signing in…";
    try {
      await login(user.value.trim(), password.value);
      password.value = "";
      window.location.replace(next);
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      message.textContent = status === 401 || status === 429 || status === 400
        ? (err as Error).message
        : `Cannot sign in: ${(err as Error).message}`;
      password.value = "";
      password.focus();
      submit.disabled = false;
      submit.textContent = "Sign in";
    }
  });
  root.replaceChildren(el("div", { class: "login-page" }, form));
  user.focus();
}
