import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './browser-storage.ts';
import { createVisitStore, visitKey } from './visited.ts';

describe('visited lessons', () => {
  it('records lessons once, keeping the first visit time', () => {
    const storage = new MemoryStorage();
    let clock = 10;
    const store = createVisitStore(storage, () => clock);
    expect(store.visited()).toEqual(new Set());
    expect(store.markVisited('shufflenet/group-convolution')).toEqual({ ok: true });
    clock = 20;
    store.markVisited('shufflenet/group-convolution');
    store.markVisited('zynq/xil-io');
    expect(store.visited()).toEqual(new Set(['shufflenet/group-convolution', 'zynq/xil-io']));
    expect(JSON.parse(storage.getItem(visitKey('shufflenet/group-convolution'))!)).toEqual({
      visitedAt: 10,
    });
  });

  it('refuses an id that is not a lesson path, naming it', () => {
    const store = createVisitStore(new MemoryStorage());
    expect(store.markVisited('../x')).toEqual({
      ok: false,
      error: 'lesson id "../x" is not of the form track/lesson-slug',
    });
    expect(store.visited().size).toBe(0);
  });

  it('sets a corrupt entry aside and does not count it', () => {
    const storage = new MemoryStorage();
    storage.setItem(visitKey('zynq/xil-io'), '{"visitedAt": "yesterday"}');
    const corrupt: { key: string; movedTo: string; reason: string }[] = [];
    expect(createVisitStore(storage, () => 5).visited(corrupt)).toEqual(new Set());
    expect(corrupt.map((c) => c.movedTo)).toEqual([`${visitKey('zynq/xil-io')}:corrupt:5`]);
  });

  it('does not take other namespaces for visits', () => {
    const storage = new MemoryStorage();
    storage.setItem('shufflenet-lab:v1:progress:zynq/xil-io', '{}');
    expect(createVisitStore(storage).visited().size).toBe(0);
  });
});
