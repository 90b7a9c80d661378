/**
 * Keyboard access to content that scrolls sideways: a wide formula, table or code block must be
 * focusable so that keyboard users can scroll it (WCAG 2.1.1; axe: scrollable-region-focusable).
 * Like expressive-code does for its code blocks, only what actually overflows gets a tab stop,
 * and it is re-checked when the size changes (a phone turned, a window resized).
 *
 * A formula or code block that scrolls becomes a labelled group; a table keeps its table role and
 * gets a name. expressive-code marks its scrolling code blocks as unnamed `region` landmarks, and
 * several unnamed landmarks of the same kind cannot be told apart (axe: landmark-unique), so those
 * become labelled groups too.
 */
import { translator, type UiKey } from '../i18n/ui.ts';

const MARK = 'data-scroll-focus';

/** Lesson content only: widgets (`not-content`) manage their own; code frames carry that class. */
const kinds: { selector: string; label: UiKey; role?: string }[] = [
  { selector: '.katex-display:not(.not-content *)', label: 'scroll.formula', role: 'group' },
  { selector: 'table:not(.not-content *)', label: 'scroll.table' },
  { selector: '.expressive-code pre', label: 'scroll.code', role: 'group' },
];

/** Gives `el` a tab stop, a name and a role while it overflows; takes them away when not. */
function update(el: HTMLElement, label: string, role: string | undefined): void {
  // The same test as expressive-code's, and its mark counts too, so the two never disagree.
  const overflows = el.scrollWidth > el.clientWidth || el.getAttribute('role') === 'region';
  if (overflows && !el.hasAttribute(MARK)) {
    el.setAttribute(MARK, '');
    el.tabIndex = 0;
    if (!el.hasAttribute('aria-label')) el.setAttribute('aria-label', label);
    if (role) el.setAttribute('role', role);
  } else if (overflows && role && el.getAttribute('role') !== role) {
    // expressive-code's own script set role=region after us.
    el.setAttribute('role', role);
  } else if (!overflows && el.hasAttribute(MARK)) {
    el.removeAttribute(MARK);
    el.removeAttribute('tabindex');
    el.removeAttribute('aria-label');
    if (role) el.removeAttribute('role');
  }
}

export function watchScrollables(root: ParentNode = document): void {
  const t = translator(document.documentElement.lang || 'en');
  const watched: [HTMLElement, string, string | undefined][] = [];
  for (const { selector, label, role } of kinds) {
    for (const el of root.querySelectorAll<HTMLElement>(`.sl-markdown-content ${selector}`)) {
      watched.push([el, t(label), role]);
    }
  }
  const byElement = new Map(watched.map((w) => [w[0], w]));
  const check = (el: Element) => {
    const entry = byElement.get(el as HTMLElement);
    if (entry) update(...entry);
  };
  const resize = new ResizeObserver((entries) => entries.forEach((e) => check(e.target)));
  // expressive-code adds and removes role/tabindex on its code blocks on its own schedule.
  const roles = new MutationObserver((records) =>
    records.forEach((r) => check(r.target as Element)),
  );
  for (const [el] of watched) {
    resize.observe(el);
    if (el.tagName === 'PRE') roles.observe(el, { attributes: true, attributeFilter: ['role'] });
  }
}
