// The page's settings in the URL: the hash is rewritten (never pushed) on every change, so a
// link always reproduces the page, with the guided story's step kept beside the settings.

import { encodeHash } from "./settings.js";
import { storyHashPart } from "./story.js";

// Replaces the URL's hash with `values` (the settings) and the story's step.
export function writeUrlHash(values) {
  const hash = encodeHash(values) + storyHashPart();
  history.replaceState(history.state, "", `${window.location.pathname}${hash}`);
}
