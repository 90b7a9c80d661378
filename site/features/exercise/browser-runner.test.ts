import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GradeRequest } from '../../../exercises/grader/types.ts';
import {
  createBrowserRunner,
  sanitizeResult,
  type GradeWorkerMessage,
  type WorkerLike,
} from './browser-runner.ts';
import { translator } from '../../i18n/ui.ts';

const en = translator('en');

const request: GradeRequest = {
  exerciseId: 'shufflenet/01-group-conv-params',
  files: { 'index.ts': 'export const x = 1;' },
  timeLimitMs: 1000,
};

/** A fake worker; `behave` decides what it does with the request once posted. */
class FakeWorker implements WorkerLike {
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor(private behave: (message: GradeWorkerMessage, self: FakeWorker) => void) {}
  postMessage(message: unknown) {
    queueMicrotask(() => this.behave(message as GradeWorkerMessage, this));
  }
  terminate() {
    this.terminated = true;
  }
}

function setup(behave: (message: GradeWorkerMessage, self: FakeWorker) => void, t = en) {
  vi.useFakeTimers();
  const workers: FakeWorker[] = [];
  const runner = createBrowserRunner({
    createWorker: () => {
      const w = new FakeWorker(behave);
      workers.push(w);
      return w;
    },
    createChannel: () => new MessageChannel(),
    now: () => Date.now(),
    setTimeout: (cb, ms) => setTimeout(cb, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    t,
  });
  return { runner, workers };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('browser runner', () => {
  it('uses a fresh worker per run and terminates it after the answer', async () => {
    const { runner, workers } = setup(({ port }) => {
      port.postMessage({
        status: 'pass',
        compileErrors: [],
        checks: [{ name: 'c', status: 'pass', message: 'correct' }],
        durationMs: 0,
      });
    });
    vi.useRealTimers(); // MessageChannel delivery needs the real event loop
    const first = await runner.grade(request);
    const second = await runner.grade(request);
    expect(first.status).toBe('pass');
    expect(second.status).toBe('pass');
    expect(workers).toHaveLength(2);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('terminates a worker that never answers at the time limit and reports timeout', async () => {
    const { runner, workers } = setup(() => {
      /* a learner's while (true) {} : no answer ever */
    });
    const pending = runner.grade(request);
    await vi.advanceTimersByTimeAsync(999);
    expect(workers[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await pending;
    expect(result.status).toBe('timeout');
    expect(result.message).toContain('1000 ms');
    expect(result.durationMs).toBe(1000);
    expect(workers[0]!.terminated).toBe(true);
  });

  it("words its own messages in the page's language", async () => {
    const zh = translator('zh-CN');
    const { runner } = setup(() => {}, zh);
    const pending = runner.grade(request);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await pending).message).toBe(zh('exercise.runner.timeLimit', { ms: 1000 }));
    expect(zh('exercise.runner.timeLimit', { ms: 1000 })).not.toBe(
      en('exercise.runner.timeLimit', { ms: 1000 }),
    );
  });

  it('stops a run when its signal aborts, marked as cancelled, not as an attempt', async () => {
    const { runner, workers } = setup(() => {});
    const controller = new AbortController();
    const pending = runner.grade(request, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(200);
    controller.abort();
    const result = await pending;
    expect(result).toMatchObject({ status: 'error', cancelled: true, durationMs: 200 });
    expect(workers[0]!.terminated).toBe(true);
  });

  it('turns a worker crash into an error result', async () => {
    const { runner } = setup((_message, self) => {
      self.onerror?.({ message: 'SyntaxError: bad import', preventDefault() {} } as ErrorEvent);
    });
    const result = await runner.grade(request);
    expect(result.status).toBe('error');
    expect(result.message).toContain('bad import');
  });

  it('names memory as the likely cause of an allocation error or a silent worker death', async () => {
    const uncaught = setup((_message, self) => {
      self.onerror?.({
        message: 'Uncaught RangeError: Array buffer allocation failed',
        preventDefault() {},
      } as ErrorEvent);
    });
    const allocation = await uncaught.runner.grade(request);
    expect(allocation).toMatchObject({
      status: 'error',
      message: 'The program ran out of memory: RangeError: Array buffer allocation failed',
    });
    expect(uncaught.workers[0]!.terminated).toBe(true);

    const silent = setup((_message, self) => {
      self.onerror?.({ message: '', preventDefault() {} } as ErrorEvent);
    });
    const died = await silent.runner.grade(request);
    expect(died.status).toBe('error');
    expect(died.message).toMatch(/stopped without a result.*ran out of memory/);
  });

  it('turns a result that cannot be deserialized into an error result', async () => {
    const channel = new MessageChannel();
    const worker = new FakeWorker(() => {
      // What the page's end of the port sees when structured clone fails on arrival.
      channel.port1.onmessageerror?.(new MessageEvent('messageerror'));
    });
    const workers = [worker];
    const runner = createBrowserRunner({
      createWorker: () => worker,
      createChannel: () => channel,
      now: () => Date.now(),
      setTimeout: (cb, ms) => setTimeout(cb, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      t: en,
    });
    const result = await runner.grade(request);
    expect(result).toMatchObject({
      status: 'error',
      message: expect.stringContaining('could not be read'),
    });
    expect(workers[0]!.terminated).toBe(true);
  });
});

describe('sanitizeResult', () => {
  it('keeps a well-formed result and fills in the request id and measured duration', () => {
    const result = sanitizeResult(
      {
        exerciseId: 'spoofed',
        status: 'fail',
        durationMs: 1,
        compileErrors: [{ message: 'x', line: 3, column: 7 }],
        checks: [{ name: 'c', status: 'fail', message: 'm', expected: 12, actual: '4' }],
        output: ['printed'],
      },
      request,
      55,
      en,
    );
    expect(result).toEqual({
      exerciseId: request.exerciseId,
      status: 'fail',
      durationMs: 55,
      compileErrors: [{ message: 'x', line: 3, column: 7, file: undefined }],
      checks: [{ name: 'c', status: 'fail', message: 'm', expected: '12', actual: '4' }],
      message: undefined,
      output: ['printed'],
    });
  });

  it('does not believe a pass with a failing check, or with no checks at all', () => {
    const failing = [{ name: 'c', status: 'fail', message: 'm' }];
    expect(sanitizeResult({ status: 'pass', checks: failing }, request, 1, en).status).toBe('fail');
    expect(sanitizeResult({ status: 'pass', checks: [] }, request, 1, en).status).toBe('fail');
  });

  it('turns garbage into an error result instead of throwing', () => {
    expect(sanitizeResult(null, request, 1, en).status).toBe('error');
    expect(sanitizeResult({ status: 'great' }, request, 1, en).status).toBe('error');
    expect(sanitizeResult({ status: 'pass', checks: 'all' }, request, 1, en).status).toBe('error');
  });
});
