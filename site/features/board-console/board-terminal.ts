/**
 * xterm.js for the board console. Only ever loaded with a dynamic `import()` when the reader
 * starts the console, together with its stylesheet, which is linked by URL: the production build
 * drops CSS imported behind a dynamic import (as for Monaco).
 */
import { Terminal } from '@xterm/xterm';
import xtermCssUrl from '@xterm/xterm/css/xterm.css?url';
import { fitColumns } from './terminal-fit.ts';

const FONT_FAMILY = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const FONT_SIZE = 13;
/** Room xterm.js keeps at the right for its scroll bar. */
const SCROLLBAR_PX = 14;

function linkCss(): Promise<void> {
  if (document.querySelector('link[data-xterm-css]')) return Promise.resolve();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = xtermCssUrl;
  link.dataset.xtermCss = '';
  const loaded = new Promise<void>((resolve) => {
    link.onload = () => resolve();
    // A stylesheet that fails only costs looks; the terminal still works.
    link.onerror = () => resolve();
  });
  document.head.append(link);
  return loaded;
}

export interface TerminalOptions {
  /** The accessible name of the terminal's input. */
  label: string;
  /** The id of a hint that describes it. */
  describedBy?: string;
}

/**
 * A terminal in `host`: up to 80 columns as a serial console has (fewer where the box is narrower), the screen-reader mode on (xterm
 * then keeps an accessible copy of the screen and announces new output), and Tab left to the
 * browser so keyboard users can leave the terminal.
 */
export async function createTerminal(host: HTMLElement, options: TerminalOptions) {
  await linkCss();
  const term = new Terminal({
    cols: 80,
    // Nine rows keep the whole console, with the line a finished run adds under the board, within
    // about 900 px at 1280x800 (issue 14); the scrollback keeps everything the program printed.
    rows: 9,
    screenReaderMode: true,
    convertEol: false,
    cursorBlink: true,
    scrollback: 2000,
    fontFamily: FONT_FAMILY,
    fontSize: FONT_SIZE,
  });
  term.attachCustomKeyEventHandler((e) => e.key !== 'Tab');
  term.open(host);
  term.textarea?.setAttribute('aria-label', options.label);
  if (options.describedBy) term.textarea?.setAttribute('aria-describedby', options.describedBy);
  keepFitted(term, host);
  return term;
}

/** The width of one character cell in the terminal's font, measured in the page. */
function cellWidth(): number {
  const probe = document.createElement('span');
  probe.textContent = 'W'.repeat(20);
  probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font-family:${FONT_FAMILY};font-size:${FONT_SIZE}px`;
  document.body.append(probe);
  const width = probe.getBoundingClientRect().width / 20;
  probe.remove();
  return width;
}

/**
 * Keeps the terminal as wide as its box allows (terminal-fit.ts): on a phone long lines wrap
 * inside the screen instead of running past its right edge. The terminal's own width does not
 * count: the host is a block that takes the width of the card it sits in.
 */
function keepFitted(term: Terminal, host: HTMLElement) {
  const cell = cellWidth();
  const fit = () => {
    const style = getComputedStyle(host);
    const inner = host.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    // Zero while the console is hidden: keep the current size then.
    if (inner <= 0) return;
    const cols = fitColumns(inner - SCROLLBAR_PX, cell);
    if (cols !== term.cols) term.resize(cols, term.rows);
  };
  fit();
  // The terminal lives as long as its host; the observer goes with the host.
  new ResizeObserver(() => {
    if (!term.element?.isConnected) return;
    fit();
  }).observe(host);
}
