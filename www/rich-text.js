// The page's small math markup, the same as the canvases' (src/render/notation.rs,
// `rich_text`): `_x` makes the one character x a subscript, `_{…}` the braced text, so
// "c_{t−1} ⊙ f_t" reads c with t−1 below it. Only an underscore right after a letter, a digit
// or a closing bracket starts a subscript, so a name such as bias_ih in running text is
// written as it is. The page's strings stay plain text: the markup becomes text nodes and
// <sub> elements, never HTML.
//
//   setRichText(element, t("story.forget.text"));

// A character a subscript may follow (a letter of any script, a digit, ) or ]).
const SUBSCRIPT_BASE = /[\p{L}\p{N})\]]$/u;
// Two or more Latin letters before the underscore (bias_ih) make a name, not a symbol: the
// symbols are one Latin letter (c_t, W_f), also right after a Chinese word (主线c_t).
const NAME_BEFORE = /[A-Za-z]{2,}$/;

// Splits `markup` into runs { text, subscript }; neighbouring runs differ in `subscript`.
export function richRuns(markup) {
  const runs = [];
  const push = (text, subscript) => {
    if (text === "") return;
    const last = runs[runs.length - 1];
    if (last && last.subscript === subscript) last.text += text;
    else runs.push({ text, subscript });
  };
  let plain = "";
  let i = 0;
  while (i < markup.length) {
    const at = markup.indexOf("_", i);
    if (at < 0) break;
    const before = plain + markup.slice(i, at);
    const isSymbol = SUBSCRIPT_BASE.test(before) && !NAME_BEFORE.test(before);
    const after = markup.slice(at + 1);
    if (!isSymbol || after === "") {
      plain = before + "_";
      i = at + 1;
      continue;
    }
    push(before, false);
    plain = "";
    if (after.startsWith("{")) {
      const end = after.indexOf("}");
      const inner = end < 0 ? after.slice(1) : after.slice(1, end);
      push(inner, true);
      i = end < 0 ? markup.length : at + 1 + end + 1;
    } else {
      const char = String.fromCodePoint(after.codePointAt(0));
      push(char, true);
      i = at + 1 + char.length;
    }
  }
  push(plain + markup.slice(i), false);
  return runs;
}

// The markup each element was last given, so that an unchanged text is not rebuilt.
const shown = new WeakMap();

// Replaces `element`'s content with `markup` written as text and <sub> elements (plain text
// when it has no subscript). Nothing is done when the element still shows that markup: it was
// written here last and nothing else wrote the element since (other code may, e.g. the Play
// button's label while training).
export function setRichText(element, markup) {
  const runs = richRuns(markup);
  const text = runs.map((run) => run.text).join("");
  if (shown.get(element) === markup && element.textContent === text) return;
  shown.set(element, markup);
  if (runs.every((run) => !run.subscript)) {
    element.textContent = markup;
    return;
  }
  const nodes = runs.map(({ text, subscript }) => {
    if (!subscript) return document.createTextNode(text);
    const sub = document.createElement("sub");
    sub.textContent = text;
    return sub;
  });
  element.replaceChildren(...nodes);
}
