/** Reads lesson frontmatter from disk for the Astro config (which runs before collections). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { LessonEntry } from './sidebar.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

export function readLessons(dir: string): LessonEntry[] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.mdx?$/.test(f) && !f.split(/[\\/]/).some((part) => part.startsWith('_')))
    .sort();
  return files.map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const match = FRONTMATTER.exec(text);
    if (!match) throw new Error(`Lesson ${file} has no frontmatter block (--- ... ---)`);
    const id = relative(dir, join(dir, file))
      .replace(/\\/g, '/')
      .replace(/\.mdx?$/, '');
    return { id, data: (parse(match[1]!) ?? {}) as Record<string, unknown> };
  });
}
