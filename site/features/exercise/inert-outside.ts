/**
 * Makes everything on the page but `keep` (and what contains it) inert, as a modal view needs:
 * Tab cannot wander to links behind a full-screen exercise and screen readers do not read them
 * (HTML's `inert` attribute,
 * https://html.spec.whatwg.org/multipage/interaction.html#the-inert-attribute).
 * Returns the function that gives the page back as it was; what was inert before stays so.
 */
export function inertOutside(keep: Element): () => void {
  const made: Element[] = [];
  for (let node: Element | null = keep; node && node.parentElement; node = node.parentElement) {
    for (const sibling of node.parentElement.children) {
      if (sibling === node || sibling.hasAttribute('inert')) continue;
      if (sibling.tagName === 'SCRIPT' || sibling.tagName === 'STYLE') continue;
      sibling.setAttribute('inert', '');
      made.push(sibling);
    }
  }
  return () => {
    for (const el of made) el.removeAttribute('inert');
  };
}
