import { PLACEHOLDER_IMAGE, isInlineCssUrl } from "./safe-urls";

// Rewrites the URLs in a piece of recorded CSS so that a replay loads none of them (issue 9 §5).
// It reads CSS the way the browser's tokenizer does where that matters – comments, strings,
// escapes in names (`\75 rl(` is `url(`), any case (`URL(`) – and copies everything else through
// unchanged, so rrweb's `/* rr_split */` markers and every rule that fetches nothing survive.

/** Functions whose quoted arguments are URLs (`url("…")`, `image-set("a.png" 1x)`). */
const URL_STRING_FUNCTIONS = new Set(["url", "src", "image", "image-set", "-webkit-image-set"]);
/** Functions that substitute a value later: inside a URL function they could bring a URL in. */
const SUBSTITUTIONS = new Set(["var", "env", "attr"]);
const REPLACEMENT_STRING = `"${PLACEHOLDER_IMAGE}"`;
const REPLACEMENT_URL = `url(${REPLACEMENT_STRING})`;

const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);
const isWhitespace = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f";
const isNameStart = (c: string) => /^[A-Za-z_]$/.test(c) || c > "\x7f";
const isNameChar = (c: string) => isNameStart(c) || /^[0-9-]$/.test(c);
const startsEscape = (css: string, i: number) => css[i] === "\\" && i + 1 < css.length && css[i + 1] !== "\n" && css[i + 1] !== "\r" && css[i + 1] !== "\f";

/** Reads the escape at `i` (a backslash): the character it stands for and where it ends. */
function readEscape(css: string, i: number): { char: string; end: number } {
  let j = i + 1;
  if (j >= css.length) return { char: "\ufffd", end: j };
  if (!isHex(css[j])) return { char: css[j], end: j + 1 };
  let hex = "";
  while (j < css.length && hex.length < 6 && isHex(css[j])) hex += css[j++];
  if (j < css.length && isWhitespace(css[j])) j += css[j] === "\r" && css[j + 1] === "\n" ? 2 : 1;
  const code = parseInt(hex, 16);
  return { char: code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\ufffd" : String.fromCodePoint(code), end: j };
}

/** True where an identifier (a property, function or at-rule name) starts. */
function startsName(css: string, i: number): boolean {
  const c = css[i] ?? "";
  if (isNameStart(c) || startsEscape(css, i)) return true;
  if (c !== "-") return false;
  const next = css[i + 1] ?? "";
  return isNameStart(next) || next === "-" || startsEscape(css, i + 1);
}

/** Reads from `i` while `accept` takes the next character (escapes always count): decoded text, end. */
function readWhile(css: string, i: number, accept: (c: string) => boolean): { text: string; end: number } {
  let text = "";
  let j = i;
  while (j < css.length) {
    if (startsEscape(css, j)) {
      const esc = readEscape(css, j);
      text += esc.char;
      j = esc.end;
    } else if (accept(css[j])) text += css[j++];
    else break;
  }
  return { text, end: j };
}

/** Reads an identifier at `i`: its value with escapes decoded, and where it ends. */
function readName(css: string, i: number): { name: string; end: number } {
  const { text, end } = readWhile(css, i, isNameChar);
  return { name: text, end };
}

/** Reads a quoted string starting at `i`: its decoded value and the index after its closing quote. */
function readString(css: string, i: number): { value: string; end: number } {
  const quote = css[i];
  let value = "";
  let j = i + 1;
  while (j < css.length) {
    const c = css[j];
    if (c === quote) return { value, end: j + 1 };
    // An unescaped newline ends a string (a "bad string"); the newline itself is not part of it.
    if (c === "\n" || c === "\r" || c === "\f") return { value, end: j };
    if (c === "\\") {
      if (j + 1 >= css.length) return { value, end: j + 1 };
      const next = css[j + 1];
      if (next === "\n" || next === "\f") j += 2;
      else if (next === "\r") j += css[j + 2] === "\n" ? 3 : 2;
      else {
        const esc = readEscape(css, j);
        value += esc.char;
        j = esc.end;
      }
    } else {
      value += c;
      j++;
    }
  }
  return { value, end: j };
}

/** Reads an unquoted `url(…)` body from `i` (just past the parenthesis) to past its `)`. */
function readUnquotedUrl(css: string, i: number): { value: string; end: number } {
  const { text, end } = readWhile(css, i, (c) => c !== ")");
  return { value: text.trim(), end: Math.min(end + 1, css.length) };
}

/** Index just past the balanced `(…)` that opens at `open`, strings and comments respected. */
function skipBalanced(css: string, open: number): number {
  let depth = 0;
  let j = open;
  while (j < css.length) {
    const c = css[j];
    if (c === "/" && css[j + 1] === "*") j = skipComment(css, j);
    else if (c === '"' || c === "'") j = readString(css, j).end;
    else if (c === "\\") j = readEscape(css, j).end;
    else {
      if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return j + 1;
      j++;
    }
  }
  return j;
}

/** True when the function argument from `i` starts with a quote (`url( "…")` is a function). */
function opensQuotedArgument(css: string, i: number): boolean {
  let j = i;
  while (j < css.length && isWhitespace(css[j])) j++;
  return css[j] === '"' || css[j] === "'";
}

function skipComment(css: string, i: number): number {
  const end = css.indexOf("*/", i + 2);
  return end < 0 ? css.length : end + 2;
}

/** Index past the `@import …;` that starts at `i` (to the end of the text if it has no `;`). */
function atRuleEnd(css: string, i: number): number {
  let j = i;
  while (j < css.length) {
    const c = css[j];
    if (c === ";") return j + 1;
    if (c === "{" || c === "}") return j;
    if (c === "/" && css[j + 1] === "*") j = skipComment(css, j);
    else if (c === '"' || c === "'") j = readString(css, j).end;
    else if (c === "(") j = skipBalanced(css, j);
    else if (c === "\\") j = readEscape(css, j).end;
    else j++;
  }
  return j;
}

/**
 * `css` with every URL the browser could fetch replaced by a transparent inline image: `url()`
 * in any spelling, the strings of `image-set()`, values substituted into those, and `@import`
 * rules (dropped whole). `data:` URLs and in-document references (`url(#clip)`) stay.
 */
export function neutralizeCss(css: string): string {
  if (!/url|image|src|@|\\/i.test(css)) return css;
  let out = "";
  let copied = 0;
  const replace = (from: number, to: number, text: string) => {
    out += css.slice(copied, from) + text;
    copied = to;
  };
  // Names of the functions we are inside, innermost last ("" for a plain parenthesis).
  const open: string[] = [];
  const inUrlFunction = () => open.some((f) => URL_STRING_FUNCTIONS.has(f));
  let i = 0;
  while (i < css.length) {
    const c = css[i];
    if (c === "/" && css[i + 1] === "*") {
      i = skipComment(css, i);
    } else if (c === '"' || c === "'") {
      const str = readString(css, i);
      if (URL_STRING_FUNCTIONS.has(open[open.length - 1] ?? "") && !isInlineCssUrl(str.value)) replace(i, str.end, REPLACEMENT_STRING);
      i = str.end;
    } else if (c === "@" && startsName(css, i + 1)) {
      const { name, end } = readName(css, i + 1);
      if (name.toLowerCase() === "import") {
        const ruleEnd = atRuleEnd(css, end);
        replace(i, ruleEnd, "");
        i = ruleEnd;
      } else i = end;
    } else if (startsName(css, i)) {
      const { name, end } = readName(css, i);
      const fn = name.toLowerCase();
      if (css[end] !== "(") {
        i = end;
      } else if (SUBSTITUTIONS.has(fn) && inUrlFunction()) {
        const callEnd = skipBalanced(css, end);
        replace(i, callEnd, REPLACEMENT_STRING);
        i = callEnd;
      } else if (fn === "url" && !opensQuotedArgument(css, end + 1)) {
        const url = readUnquotedUrl(css, end + 1);
        if (!isInlineCssUrl(url.value)) replace(i, url.end, REPLACEMENT_URL);
        i = url.end;
      } else {
        open.push(fn);
        i = end + 1;
      }
    } else {
      if (c === "(") open.push("");
      else if (c === ")") open.pop();
      else if (c === "\\") {
        i = readEscape(css, i).end;
        continue;
      }
      i++;
    }
  }
  return out + css.slice(copied);
}
