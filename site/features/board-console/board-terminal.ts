/**
 * xterm.js for the board console. Only ever loaded with a dynamic `import()` when the reader
 * starts the console, together with its stylesheet, which is linked by URL: the production build
 * drops CSS imported behind a dynamic import (as for Monaco).
 */
import { Terminal } from '@xterm/xterm';
import xtermCssUrl from '@xterm/xterm/css/xterm.css?url';

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
 * A terminal in `host`: 80 columns as a serial console has, the screen-reader mode on (xterm
 * then keeps an accessible copy of the screen and announces new output), and Tab left to the
 * browser so keyboard users can leave the terminal.
 */
export async function createTerminal(host: HTMLElement, options: TerminalOptions) {
  await linkCss();
  const term = new Terminal({
    cols: 80,
    rows: 16,
    screenReaderMode: true,
    convertEol: false,
    cursorBlink: true,
    scrollback: 2000,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 13,
  });
  term.attachCustomKeyEventHandler((e) => e.key !== 'Tab');
  term.open(host);
  term.textarea?.setAttribute('aria-label', options.label);
  if (options.describedBy) term.textarea?.setAttribute('aria-describedby', options.describedBy);
  return term;
}
