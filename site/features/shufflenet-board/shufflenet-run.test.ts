import { describe, expect, it } from 'vitest';
import {
  initialRun,
  LIMIT_MS_PER_IMAGE,
  overLimit,
  parseProgram,
  programSources,
  progressOf,
  readUart,
  runReducer,
  timeLimitMs,
  type RunState,
  type ShufflenetProgram,
} from './shufflenet-run.ts';

const program: ShufflenetProgram = {
  files: { 'main.c': 'int main(void) { return 0; }\n', 'samples.c': '', 'x.h': '' },
  sources: ['main.c', 'samples.c'],
  images: 200,
};

describe('programSources', () => {
  it('builds main.c for the first n images and leaves the other files alone', () => {
    const s = programSources(program, 3);
    expect(s.files['main.c']).toBe('#define SAMPLE_LIMIT 3\nint main(void) { return 0; }\n');
    expect(s.files['x.h']).toBe('');
    expect(s.sources).toEqual(['main.c', 'samples.c']);
    expect(program.files['main.c']).not.toContain('SAMPLE_LIMIT');
  });

  it('refuses a count outside the sample, naming the range', () => {
    for (const n of [0, 201, 2.5, Number.NaN]) {
      expect(() => programSources(program, n)).toThrow(/expected an integer from 1 to 200/);
    }
  });
});

describe('parseProgram', () => {
  it('accepts the asset and refuses a damaged one', () => {
    expect(parseProgram(JSON.parse(JSON.stringify(program)))).toEqual(program);
    expect(() => parseProgram({ ...program, sources: ['missing.c'] })).toThrow(
      /expected \{ files, sources, images \}/,
    );
    expect(() => parseProgram(null)).toThrow(/program asset/);
    expect(() => parseProgram({ ...program, images: 0 })).toThrow(/program asset/);
  });
});

describe('readUart', () => {
  it('reads prediction lines and the final count, ignoring other text', () => {
    const r = readUart('0 9 9\r\n1 2 2\r\nhello\r\n2 1 3\r\ncorrect=2/3\r\n');
    expect(r.predictions).toEqual([
      { index: 0, predicted: 9, label: 9 },
      { index: 1, predicted: 2, label: 2 },
      { index: 2, predicted: 1, label: 3 },
    ]);
    expect(r.correct).toEqual({ n: 2, of: 3 });
    expect(readUart('0 9 9\n1 2').correct).toBeNull();
    expect(readUart('0 9 9\n1 2').predictions).toHaveLength(1);
  });
});

const run = (over: Partial<RunState> = {}): RunState => ({ ...initialRun, ...over });

describe('runReducer', () => {
  it('starts with what is missing: the program, a build, or neither', () => {
    const start = { type: 'start', images: 10 } as const;
    const s = runReducer(run({ text: 'old', ms: 9 }), {
      ...start,
      needsProgram: true,
      needsBuild: true,
    });
    expect(s).toMatchObject({ phase: 'loading', images: 10, text: '', ms: 0 });
    expect(s.limitMs).toBe(timeLimitMs(10));
    expect(runReducer(run(), { ...start, needsProgram: false, needsBuild: true }).phase).toBe(
      'building',
    );
    expect(runReducer(run(), { ...start, needsProgram: false, needsBuild: false }).phase).toBe(
      'running',
    );
    expect(runReducer(run({ phase: 'loading' }), { type: 'loaded' }).phase).toBe('building');
  });

  it('runs after a good build and fails with the diagnostics of a bad one', () => {
    const building = run({ phase: 'building' });
    const ok = { type: 'built', ok: true, diagnostics: '' } as const;
    expect(runReducer(building, { type: 'event', event: ok }).phase).toBe('running');
    const bad = runReducer(building, {
      type: 'event',
      event: { type: 'built', ok: false, diagnostics: 'main.c:1: error' },
    });
    expect(bad).toMatchObject({ phase: 'failed', message: 'main.c:1: error' });
  });

  it('ends done when main returns, failed on a fault', () => {
    const running = run({ phase: 'running' });
    const ended = (end: { kind: 'returned'; code: number } | { kind: 'fault'; reason: string }) =>
      runReducer(running, {
        type: 'event',
        event: { type: 'status', status: 'ended', end, runtime: '' },
      });
    expect(ended({ kind: 'returned', code: 0 }).phase).toBe('done');
    expect(ended({ kind: 'fault', reason: 'data abort' })).toMatchObject({
      phase: 'failed',
      message: 'data abort',
    });
  });

  it('ignores the stopped status of a reset, and honours a Stop or the time limit', () => {
    const stoppedEvent = {
      type: 'event',
      event: { type: 'status', status: 'stopped', end: null, runtime: '' },
    } as const;
    expect(runReducer(run({ phase: 'running' }), stoppedEvent).phase).toBe('running');
    const byReader = runReducer(run({ phase: 'running' }), { type: 'stop', byLimit: false });
    expect(runReducer(byReader, stoppedEvent).phase).toBe('stopped');
    const byLimit = runReducer(run({ phase: 'running' }), { type: 'stop', byLimit: true });
    expect(runReducer(byLimit, stoppedEvent).phase).toBe('limit');
    expect(runReducer(run({ phase: 'loading' }), { type: 'stop', byLimit: false }).phase).toBe(
      'stopped',
    );
    expect(runReducer(run({ phase: 'done' }), { type: 'stop', byLimit: false }).phase).toBe('done');
  });

  it('is over its limit only while running past the simulated time allowed', () => {
    const limitMs = timeLimitMs(1);
    expect(overLimit(run({ phase: 'running', limitMs, ms: limitMs + 1 }))).toBe(true);
    expect(overLimit(run({ phase: 'running', limitMs, ms: limitMs }))).toBe(false);
    expect(overLimit(run({ phase: 'done', limitMs, ms: limitMs + 1 }))).toBe(false);
  });

  it('counts images and cycles per image from the UART and the board time', () => {
    const s = run({ phase: 'running', text: '0 9 9\n1 2 2\n', cycles: 300_000_000 });
    expect(progressOf(s)).toEqual({ done: 2, cyclesPerImage: 150_000_000, correct: null });
    expect(progressOf(run()).cyclesPerImage).toBeNull();
  });
});

describe('the lesson', () => {
  it('quotes the time limit the console applies', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync('site/lessons/zynq/shufflenet-in-c.mdx', 'utf8').replace(/\s+/g, ' ');
    expect(LIMIT_MS_PER_IMAGE).toBe(500);
    expect(text).toContain('simulated-time limit (half a second per image)');
    expect(text).toContain('<ShufflenetBoard client:visible />');
  });
});
