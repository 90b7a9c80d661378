/**
 * A tiny SVG writer for the lessons' figures, run at build time (Astro renders the string).
 * Colours come from CSS classes in figures.css and `currentColor`, so one drawing follows the
 * site's light and dark themes; every figure carries a <title> and a <desc> (WAI-ARIA's
 * `role="img"` with `aria-labelledby`), so a screen reader hears a name and a long description.
 */

/** Escapes text for an XML attribute or text node. */
export function esc(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

type Attrs = Record<string, string | number | undefined>;

/** One element; attributes with an undefined value are left out. */
export function el(tag: string, attrs: Attrs, ...children: string[]): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v!)}"`)
    .join('');
  return children.length ? `<${tag}${a}>${children.join('')}</${tag}>` : `<${tag}${a}/>`;
}

export function text(x: number, y: number, content: string | number, cls = 'fig-text'): string {
  return el('text', { x, y, class: cls }, esc(content));
}

/** A labelled box: a rectangle with one or two centred lines of text. */
export function box(
  x: number,
  y: number,
  w: number,
  h: number,
  lines: string[],
  cls = 'fig-box',
): string {
  const step = 14;
  const top = y + h / 2 - ((lines.length - 1) * step) / 2 + 4;
  return (
    el('rect', { x, y, width: w, height: h, rx: 4, class: cls }) +
    lines.map((line, i) => text(x + w / 2, top + i * step, line, 'fig-label')).join('')
  );
}

export function arrow(x1: number, y1: number, x2: number, y2: number): string {
  // svgDoc points HEAD at this figure's own marker, so that ids stay unique in the page.
  return el('line', { x1, y1, x2, y2, class: 'fig-arrow', 'marker-end': 'url(#HEAD)' });
}

export interface FigureMeta {
  /** Unique in the page: the ids of <title> and <desc> derive from it. */
  id: string;
  title: string;
  desc: string;
  width: number;
  height: number;
}

/** The whole <svg>: viewBox only (it scales to its container), a title, a description, arrowheads. */
export function svgDoc(meta: FigureMeta, body: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(meta.id)) {
    throw new Error(`figure id ${JSON.stringify(meta.id)} must be lower-case letters, digits, -`);
  }
  if (!meta.title.trim() || !meta.desc.trim()) {
    throw new Error(`figure ${meta.id} needs a title and a description (its text alternative)`);
  }
  const defs = el(
    'defs',
    {},
    el(
      'marker',
      {
        id: `${meta.id}-head`,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 6,
        markerHeight: 6,
        orient: 'auto-start-reverse',
      },
      el('path', { d: 'M0,0 L10,5 L0,10 z', fill: 'currentColor' }),
    ),
  );
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${meta.width} ${meta.height}`,
      role: 'img',
      'aria-labelledby': `${meta.id}-title`,
      'aria-describedby': `${meta.id}-desc`,
      class: 'fig-svg',
      'data-figure': meta.id,
    },
    el('title', { id: `${meta.id}-title` }, esc(meta.title)),
    el('desc', { id: `${meta.id}-desc` }, esc(meta.desc)),
    defs,
    body.replaceAll('url(#HEAD)', `url(#${meta.id}-head)`),
  );
}

/** The CSS class of group `g` (fig-g0 ... fig-g7): a hue per group, defined in figures.css. */
export function groupClass(g: number): string {
  return `fig-g${g % 8}`;
}
