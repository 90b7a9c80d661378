import { describe, expect, it } from 'vitest';
import { WATCH_INTERVAL_MS, watchProcessMemory } from './memory-watch.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchProcessMemory', () => {
  it('reports growth past the limit above the size at start, once', async () => {
    let size = 1000;
    const reports: number[] = [];
    const watch = watchProcessMemory(
      500,
      (grown) => reports.push(grown),
      () => size,
    );
    await wait(WATCH_INTERVAL_MS * 3);
    expect(reports).toEqual([]);
    size = 1400;
    await wait(WATCH_INTERVAL_MS * 3);
    expect(reports).toEqual([]);
    size = 1600;
    await wait(WATCH_INTERVAL_MS * 3);
    size = 5000;
    await wait(WATCH_INTERVAL_MS * 3);
    expect(reports).toEqual([600]);
    watch.stop();
  });

  it('stays quiet once stopped', async () => {
    let size = 0;
    const reports: number[] = [];
    const watch = watchProcessMemory(
      10,
      (grown) => reports.push(grown),
      () => size,
    );
    watch.stop();
    size = 100;
    await wait(WATCH_INTERVAL_MS * 3);
    expect(reports).toEqual([]);
  });
});
