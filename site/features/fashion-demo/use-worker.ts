/**
 * One Fashion worker per island, created on the first job (so tfjs and the weights load only
 * when the reader asks) and terminated when the island goes away.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { FashionJob, FashionReply } from './fashion-demo.ts';

export function useFashionWorker(
  onReply: (reply: FashionReply) => void,
  onCrash: (message: string) => void,
) {
  const worker = useRef<Worker | null>(null);
  const handlers = useRef({ onReply, onCrash });
  handlers.current = { onReply, onCrash };
  useEffect(() => () => worker.current?.terminate(), []);
  return (job: FashionJob) => {
    if (!worker.current) {
      const w = new Worker(new URL('./fashion.worker.ts', import.meta.url), { type: 'module' });
      w.onerror = (e) => {
        w.terminate();
        worker.current = null;
        handlers.current.onCrash(e.message);
      };
      w.onmessage = (e: MessageEvent<FashionReply>) => handlers.current.onReply(e.data);
      worker.current = w;
    }
    worker.current.postMessage(job);
  };
}
