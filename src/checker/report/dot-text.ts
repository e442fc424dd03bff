/** Small DOT-writing helpers shared by the space-time diagram and the state graph. */

/**
 * Graphviz estimates text widths from built-in metrics; only Courier gets
 * true fixed-width metrics there ("monospace" falls back to Times and
 * labels overflow their boxes). The SVG writer widens the family afterwards.
 */
export const FONT = 'Courier';

/** Escapes text for an HTML-like label. */
export function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A double-quoted DOT string. */
export function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `key=value` attribute list; values are quoted unless they are HTML labels (`<...>`). */
export function attrs(a: Readonly<Record<string, string | number | undefined>>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    const s = String(v);
    parts.push(`${k}=${s.startsWith('<') && s.endsWith('>') ? s : quote(s)}`);
  }
  return parts.length === 0 ? '' : ` [${parts.join(' ')}]`;
}

export interface Line {
  readonly text: string;
  readonly bold?: boolean;
  readonly color?: string;
}

/** An HTML-like label of left-aligned lines. */
export function lines(ls: readonly Line[]): string {
  const rows = ls.map((l) => {
    let t = html(l.text);
    if (l.bold === true) t = `<B>${t}</B>`;
    if (l.color !== undefined) t = `<FONT COLOR="${l.color}">${t}</FONT>`;
    return `<TR><TD ALIGN="LEFT" BALIGN="LEFT">${t}</TD></TR>`;
  });
  return `<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">${rows.join('')}</TABLE>>`;
}

/** Cuts a long line, keeping its start. */
export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Breaks text at spaces into lines of at most `width` characters (a longer word is split). */
export function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (let word of s.split(' ')) {
    while (word.length > width) {
      if (line !== '') out.push(line);
      out.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line !== '' || out.length === 0) out.push(line);
  return out;
}
