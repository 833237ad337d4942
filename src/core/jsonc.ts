/** JSON with comments and trailing commas (JSONC), read without a parser package. */

/** Copies `text`, calling `other` for each character outside strings (strings are kept whole). */
function outsideStrings(text: string, other: (i: number, out: string[]) => number): string {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out.push(text.slice(i, j + 1));
      i = j + 1;
    } else i = other(i, out);
  }
  return out.join("");
}

/** `text` without `//` and `/* *\/` comments and trailing commas, strings left as they are. */
export function stripJsonc(text: string): string {
  const uncommented = outsideStrings(text, (i, out) => {
    if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      return end < 0 ? text.length : end;
    }
    if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      return end < 0 ? text.length : end + 2;
    }
    out.push(text[i]!);
    return i + 1;
  });
  return outsideStrings(uncommented, (i, out) => {
    if (uncommented[i] !== "," || !/^\s*[}\]]/.test(uncommented.slice(i + 1, i + 4096))) {
      out.push(uncommented[i]!);
    }
    return i + 1;
  });
}
