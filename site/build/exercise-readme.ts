/**
 * Exercise READMEs rendered to HTML at build time, with the same Markdown pipeline as the
 * lessons (KaTeX math). Server-only: the site's pages call it, islands never import it.
 */
import { unified, type MarkdownRenderer } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { exerciseFilePath } from '../features/exercise/exercise-files.ts';
import { demoteHeadings, splitTitle } from '../features/exercise/exercise-text.ts';

const readmes = import.meta.glob('/exercises/*/*/README.md', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

let renderer: Promise<MarkdownRenderer> | null = null;

/**
 * The README's body as HTML, its own `# Title` removed (pages show the manifest title) and its
 * headings pushed below `headingLevel`, the level of the heading the exercise sits under.
 */
export async function readmeHtml(id: string, headingLevel: number): Promise<string> {
  const raw = readmes[exerciseFilePath(id, 'README.md')];
  if (raw === undefined) return '';
  // Code in GitHub's "dark default" theme: its comments keep 6:1 against its own background, in
  // either site theme (the default github-dark's comments are 3:1, under WCAG's 4.5:1 for text).
  renderer ??= unified({
    remarkPlugins: [remarkMath],
    rehypePlugins: [rehypeKatex],
  }).createRenderer({ shikiConfig: { theme: 'github-dark-default' } });
  const { body } = splitTitle(raw);
  const { code } = await (await renderer).render(demoteHeadings(body, headingLevel - 1));
  return code;
}
