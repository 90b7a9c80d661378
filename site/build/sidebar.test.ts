import { describe, expect, it } from 'vitest';
import { buildSidebar, type LessonEntry } from './sidebar.ts';

function lesson(id: string, data: Record<string, unknown> = {}): LessonEntry {
  return {
    id,
    data: {
      title: id,
      description: `About ${id}`,
      track: id.split('/')[0],
      order: 1,
      goals: ['Learn it.'],
      ...data,
    },
  };
}

describe('buildSidebar', () => {
  it('groups lessons by track in the course order, then links the exercises', () => {
    const groups = buildSidebar([
      lesson('zynq/uart', { order: 2 }),
      lesson('shufflenet/v2', { order: 6 }),
      lesson('shufflenet/group-conv', { order: 1 }),
      lesson('zynq/xil-io', { order: 1 }),
    ]);
    expect(groups.map((g) => g.label)).toEqual([
      'ShuffleNet',
      'Deploying on Zynq-7000',
      'Practice',
    ]);
    expect(groups[0]!.items).toEqual([
      { slug: 'shufflenet/group-conv' },
      { slug: 'shufflenet/v2' },
    ]);
    expect(groups[1]!.items).toEqual([{ slug: 'zynq/xil-io' }, { slug: 'zynq/uart' }]);
    expect(groups[1]!.translations['zh-CN']).toBe('在 Zynq-7000 上部署');
    expect(groups[2]!.items[0]).toMatchObject({ link: '/exercises/' });
  });

  it('leaves out a track without lessons', () => {
    const groups = buildSidebar([lesson('shufflenet/a')]);
    expect(groups.map((g) => g.label)).toEqual(['ShuffleNet', 'Practice']);
  });

  it('names the lesson and the field of invalid frontmatter', () => {
    expect(() => buildSidebar([lesson('shufflenet/a', { track: 'fpga' })])).toThrow(
      /Lesson shufflenet\/a has invalid frontmatter: track:/,
    );
    expect(() => buildSidebar([lesson('shufflenet/a', { goals: [] })])).toThrow(/goals/);
  });

  it('rejects unknown prerequisites and duplicate orders', () => {
    expect(() =>
      buildSidebar([lesson('shufflenet/a', { prerequisites: ['shufflenet/missing'] })]),
    ).toThrow('Lesson shufflenet/a lists unknown prerequisite "shufflenet/missing"');
    expect(() => buildSidebar([lesson('shufflenet/a'), lesson('shufflenet/b')])).toThrow(
      'Lessons shufflenet/a and shufflenet/b share order 1 in track shufflenet',
    );
  });
});
