/** Longest text collapsed in one regex replace; longer text is collapsed a slice of this length at a time. */
const SLICE = 64 * 1024;

/**
 * `text.replace(/\s+/g, ' ')`, with memory bounded on huge cells. V8 builds a global replace's result from a
 * list of every match, so a 30 MB notes cell with 15 million line breaks took 1.1 GB and 15 s of garbage
 * collection (a 60 MB one, 2.6 GB); a slice at a time it takes a few MB. Short text, the usual case, is one call.
 */
export function collapseWhitespace(text: string): string {
  if (text.length <= SLICE) return text.replace(/\s+/g, ' ');
  const parts: string[] = [];
  let spaceBefore = false;
  for (let i = 0; i < text.length; i += SLICE) {
    let part = text.slice(i, i + SLICE).replace(/\s+/g, ' ');
    // A run of whitespace across two slices is still one space.
    if (spaceBefore && part.startsWith(' ')) part = part.slice(1);
    if (part !== '') spaceBefore = part.endsWith(' ');
    parts.push(part);
  }
  return parts.join('');
}
