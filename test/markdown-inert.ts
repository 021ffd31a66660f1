/**
 * What a CommonMark/GFM renderer would make active in a Markdown text outside code: used to
 * show that page text in a report is inert. Code (fenced blocks and inline code spans, by
 * CommonMark's rules) is removed first; what is left must be the report's own words, so any
 * link, image, HTML (comments included), autolink or heading in it that is not one of
 * `ownHeadings` is reported.
 */
export function activeOutsideCode(markdown: string, ownHeadings: string[]): string[] {
  const found: string[] = [];
  let fence: { char: string; length: number } | undefined;
  for (const raw of markdown.split(/\r\n|\r|\n/)) {
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (fence) {
      const closing = /^ *(`+|~+)\s*$/.exec(raw);
      if (closing?.[1] && closing[1][0] === fence.char && closing[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (opening?.[1]) {
      fence = { char: opening[1][0] as string, length: opening[1].length };
      continue;
    }
    const line = withoutCodeSpans(raw);
    if (/^ {0,3}#{1,6}(\s|$)/.test(line) && !ownHeadings.includes(line.trim())) found.push(`heading: ${raw}`);
    if (/^ {0,3}(=+|-{2,})\s*$/.test(line)) found.push(`setext heading underline: ${raw}`);
    if (line.includes('<')) found.push(`HTML or autolink: ${raw}`);
    if (/!?\[[^\]]*\]/.test(line)) found.push(`link or image: ${raw}`);
    if (/(https?|ftp|javascript|data|mailto):|www\.|@/i.test(line)) found.push(`autolink: ${raw}`);
    if (/^ {0,3}>/.test(line)) found.push(`block quote: ${raw}`);
  }
  return found;
}

/** A line with its inline code spans cut out (a run of n backticks closes at the next run of exactly n). */
function withoutCodeSpans(line: string): string {
  let out = '';
  let at = 0;
  while (at < line.length) {
    const tick = line.indexOf('`', at);
    if (tick < 0) return out + line.slice(at);
    out += line.slice(at, tick);
    let end = tick;
    while (line[end] === '`') end++;
    const run = end - tick;
    let search = end;
    let close = -1;
    while (search < line.length) {
      const next = line.indexOf('`', search);
      if (next < 0) break;
      let after = next;
      while (line[after] === '`') after++;
      if (after - next === run) {
        close = next;
        break;
      }
      search = after;
    }
    if (close < 0) {
      out += line.slice(tick, end);
      at = end;
    } else at = close + run;
  }
  return out;
}

/** The headings the check report writes itself. */
export const REPORT_HEADINGS = ['# Kustomer chat integration check', '## Since the previous run', '## Checks'];
