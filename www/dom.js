// Finding the page's elements by their stable data-testid hooks, and telling whether a key
// press is meant for a text field rather than for the page.

const TYPING_TAGS = new Set(["INPUT", "SELECT", "TEXTAREA"]);

// True when the key goes to a text field or a menu rather than to the page. (No DOM, as in
// Node's unit tests: nothing is typed into.) The page's keys (controls.js), the classroom and
// presenter keys (classroom.js) and the story's keys (story.js) all ask this one function.
export function isTyping(target) {
  return (
    typeof HTMLElement !== "undefined" &&
    target instanceof HTMLElement &&
    (TYPING_TAGS.has(target.tagName) || target.isContentEditable)
  );
}

// The element with data-testid `id` under `root`, or null.
export function byTestId(root, id) {
  return root.querySelector(`[data-testid="${id}"]`);
}

// Returns { name: element } for a table { name: testId }, or throws naming the missing one.
export function findElements(root, ids) {
  const elements = {};
  for (const [name, id] of Object.entries(ids)) {
    const element = byTestId(root, id);
    if (!element) throw new Error(`the page has no element with data-testid="${id}"`);
    elements[name] = element;
  }
  return elements;
}
