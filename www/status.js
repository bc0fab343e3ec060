// The status line under the controls: what the page is doing, and every error in words, in the
// page's language.

import { t, hasString } from "./i18n.js";

const KIND_CLASSES = { info: "status-info", error: "status-error" };
// The string tables' keys of the engine's and the worker's error codes: "error." + code.
export const ERROR_KEY_PREFIX = "error.";

// Wraps the status element; returns { info, error, fatal, clear, isFatal }.
export function createStatus(element) {
  let fatal = false;

  function show(message, kind) {
    if (fatal) return; // the engine stopped: keep that message on screen
    element.textContent = message;
    element.className = KIND_CLASSES[kind] ?? "";
  }

  return {
    info: (message) => show(message, "info"),
    error: (message) => show(message, "error"),
    // The engine cannot go on (a panic or a trap in wasm): says so for good.
    fatal(message) {
      show(t("status.fatal", { message }), "error");
      fatal = true;
    },
    clear: () => show("", "info"),
    isFatal: () => fatal,
  };
}

// Anything thrown (or an error's data, { message, code, params }) as a sentence in the page's
// language. The engine (src/web.rs) and the worker give their errors a stable `code` and the
// `params` it needs: the sentence is the string `error.<code>` of www/strings/. An error with no
// code, or a code without a string, is said with its own (English) message.
export function describeError(error) {
  const key = typeof error?.code === "string" ? `${ERROR_KEY_PREFIX}${error.code}` : null;
  if (key !== null && hasString(key)) return t(key, error.params ?? {});
  if (error instanceof Error || typeof error?.message === "string") return error.message;
  return String(error);
}

// True for errors that leave the wasm instance unusable (a panic traps as "unreachable").
export function isFatalError(error) {
  return typeof WebAssembly !== "undefined" && error instanceof WebAssembly.RuntimeError;
}
