/**
 * The JTAG UART: what xsdb's `jtagterminal` shows, the text CPU0 sent through its debug
 * communications channel (board/devices/dcc.ts) when the BSP's stdout is `ps7_coresight_comp_0`.
 * Output only, and it follows new text as a terminal does.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Translate } from './translate.ts';

interface Props {
  text: string;
  t: Translate;
}

export default function JtagPane({ text, t }: Props) {
  const ref = useRef<HTMLPreElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <div class="bc-jtag">
      <p class="bc-hint">{text ? t('board.jtagHint') : t('board.jtagEmpty')}</p>
      <pre class="bc-log" ref={ref} role="log" aria-label={t('board.jtagLog')}>
        {text}
      </pre>
    </div>
  );
}
