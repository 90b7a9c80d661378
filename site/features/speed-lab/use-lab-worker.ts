/**
 * One background worker for a speed-lab island: start a request, follow its progress, cancel
 * it by terminating the worker (which stops it even inside a long kernel), and hand the final
 * message to the island. A new run replaces any run still going.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LabBackendName } from '../../tf/backend-names.ts';
import type { Reason } from './capabilities.ts';
import type { LabRequest, LabResponse } from './speed-lab.ts';

type Final = Exclude<LabResponse, { type: 'progress' } | { type: 'error' }>;

/** LabRequest without its id, which the hook assigns (a union-preserving Omit). */
type Request = LabRequest extends infer R ? (R extends LabRequest ? Omit<R, 'id'> : never) : never;

export type LabStatus =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number; caseId: string }
  | { kind: 'done'; backend: string }
  | { kind: 'cancelled' }
  /** `message` null: the worker failed without saying why (it could not start). */
  | { kind: 'error'; message: string | null; reason?: Reason; backend?: LabBackendName };

export function useLabWorker(onFinal: (message: Final) => void) {
  const [status, setStatus] = useState<LabStatus>({ kind: 'idle' });
  const worker = useRef<Worker | null>(null);
  const nextId = useRef(1);
  useEffect(() => () => worker.current?.terminate(), []);

  function stop() {
    worker.current?.terminate();
    worker.current = null;
  }

  function start(request: Request) {
    stop();
    const id = nextId.current++;
    const w = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    setStatus({ kind: 'running', done: 0, total: 1, caseId: '' });
    w.onerror = (e: ErrorEvent) => {
      stop();
      setStatus({ kind: 'error', message: e.message || null });
    };
    w.onmessage = (e: MessageEvent<LabResponse>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'progress') {
        setStatus({ kind: 'running', done: m.done, total: m.total, caseId: m.caseId });
        return;
      }
      stop();
      if (m.type === 'error') {
        setStatus({ kind: 'error', message: m.message, reason: m.reason, backend: m.backend });
        return;
      }
      onFinal(m);
      setStatus({ kind: 'done', backend: m.backend });
    };
    w.postMessage({ ...request, id } as LabRequest);
  }

  function cancel() {
    stop();
    setStatus({ kind: 'cancelled' });
  }

  return { status, start, cancel };
}
