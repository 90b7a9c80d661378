import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLessons } from './read-lessons.ts';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lessons-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('readLessons', () => {
  it('reads frontmatter with ids relative to the folder, skipping _drafts', () => {
    const dir = tree({
      'shufflenet/a.mdx': '---\ntitle: A\norder: 2\n---\n\nBody',
      'zynq/b.md': '---\r\ntitle: B\r\n---\r\n',
      'shufflenet/_draft.mdx': '---\ntitle: Draft\n---\n',
      'notes.txt': 'not a lesson',
    });
    expect(readLessons(dir)).toEqual([
      { id: 'shufflenet/a', data: { title: 'A', order: 2 } },
      { id: 'zynq/b', data: { title: 'B' } },
    ]);
  });

  it('names a lesson without frontmatter', () => {
    const dir = tree({ 'shufflenet/a.mdx': '# No frontmatter' });
    expect(() => readLessons(dir)).toThrow('Lesson shufflenet/a.mdx has no frontmatter block');
  });
});
