// Finding the page's elements by their stable data-testid hooks.

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
