/**
 * Builds Starlight's sidebar from lesson frontmatter: one group per track, lessons by `order`.
 * Starlight's `autogenerate` sorts by file name and cannot see our `order` field, so we list
 * the lessons ourselves and check the ordering and prerequisites while we are at it.
 */
import { lessonFields, tracks, type Track } from './lesson-schema.ts';

export interface LessonEntry {
  /** Lesson id: its path under `site/lessons` without the extension. */
  id: string;
  /** Raw frontmatter, validated here. */
  data: Record<string, unknown>;
}

export interface SidebarGroup {
  label: string;
  translations: Record<string, string>;
  items: (
    { slug: string } | { label: string; link: string; translations: Record<string, string> }
  )[];
}

/** The last group: pages that are not lessons. */
const practiceGroup: SidebarGroup = {
  label: 'Practice',
  translations: { 'zh-CN': '练习' },
  items: [
    { label: 'All exercises', link: '/exercises/', translations: { 'zh-CN': '全部练习' } },
    {
      label: 'Inference benchmark',
      link: '/shufflenet/benchmark/',
      translations: { 'zh-CN': '推理基准测试' },
    },
  ],
};

/** Group labels, keyed by BCP-47 language; English is the default locale. */
export const trackLabels: Record<Track, Record<string, string>> = {
  shufflenet: { en: 'ShuffleNet', 'zh-CN': 'ShuffleNet' },
  zynq: { en: 'Deploying on Zynq-7000', 'zh-CN': '在 Zynq-7000 上部署' },
};

export function buildSidebar(lessons: LessonEntry[]): SidebarGroup[] {
  const ids = new Set(lessons.map((l) => l.id));
  const parsed = lessons.map((lesson) => {
    const result = lessonFields.safeParse(lesson.data);
    if (!result.success) {
      const issues = result.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new Error(`Lesson ${lesson.id} has invalid frontmatter: ${issues}`);
    }
    for (const p of result.data.prerequisites) {
      if (!ids.has(p)) {
        throw new Error(`Lesson ${lesson.id} lists unknown prerequisite "${p}"`);
      }
    }
    return { id: lesson.id, ...result.data };
  });
  const trackGroups = tracks.flatMap((track) => {
    const inTrack = parsed.filter((l) => l.track === track).sort((a, b) => a.order - b.order);
    inTrack.forEach((l, i) => {
      const prev = inTrack[i - 1];
      if (prev && prev.order === l.order) {
        throw new Error(`Lessons ${prev.id} and ${l.id} share order ${l.order} in track ${track}`);
      }
    });
    if (inTrack.length === 0) return [];
    const { en, ...translations } = trackLabels[track];
    return [{ label: en!, translations, items: inTrack.map((l) => ({ slug: l.id })) }];
  });
  return [...trackGroups, practiceGroup];
}
