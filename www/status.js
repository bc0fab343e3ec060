// The status line under the controls: what the page is doing, and every error in words.

const KIND_CLASSES = { info: "status-info", error: "status-error" };

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
      show(`The engine stopped: ${message}. Reload the page.`, "error");
      fatal = true;
    },
    clear: () => show("", "info"),
    isFatal: () => fatal,
  };
}

// The message of anything thrown: a JsError from Rust arrives as an Error with the engine's text.
export function describeError(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

// True for errors that leave the wasm instance unusable (a panic traps as "unreachable").
export function isFatalError(error) {
  return typeof WebAssembly !== "undefined" && error instanceof WebAssembly.RuntimeError;
}
