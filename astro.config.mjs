// @ts-check
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { readLessons } from './site/build/read-lessons.ts';
import { buildSidebar } from './site/build/sidebar.ts';
import { browserNodeModule, onLog } from './site/build/build-noise.ts';
import { rehypeEmptyHeaders } from './site/build/rehype-empty-headers.ts';

const lessonsDir = fileURLToPath(new URL('./site/lessons', import.meta.url));
// The stylesheet of the KaTeX that rehype-katex renders with (its own dependency, 0.16), not of
// the newest KaTeX: 0.19 renamed classes (`base` became `katex-base`), and with mismatched CSS a
// formula loses its layout, for example breaking a symbol from its exponent at a line end.
const katexCss = createRequire(import.meta.resolve('rehype-katex')).resolve(
  'katex/dist/katex.min.css',
);

export default defineConfig({
  srcDir: './site',
  site: 'https://shufflenet-lab.example',
  markdown: {
    // Astro 7's default Markdown engine (Satteri) does not run remark/rehype plugins; KaTeX
    // rendering needs the unified processor.
    // rehypeEmptyHeaders: a blank corner cell of a table is not a header (axe empty-table-header).
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [rehypeKatex, rehypeEmptyHeaders],
    }),
  },
  integrations: [
    starlight({
      title: 'ShuffleNet Lab',
      description: 'Learn ShuffleNet end to end, from group convolution to a Zynq-7000.',
      // English is the root locale; adding `'zh-cn': { label: '简体中文', lang: 'zh-CN' }`
      // and a `site/lessons/zh-cn/` tree is all a translation needs.
      defaultLocale: 'root',
      locales: { root: { label: 'English', lang: 'en' } },
      sidebar: buildSidebar(readLessons(lessonsDir)),
      // Our own 404 page (site/pages/404.astro): Starlight's wants a `404` lesson entry.
      disable404Route: true,
      components: {
        // Records lesson visits for the home page's course map.
        MarkdownContent: './site/ui/LessonContent.astro',
        // Hides the shortcut hint from the button's accessible name (WCAG 2.5.3).
        Search: './site/ui/Search.astro',
      },
      // Course-wide styles, then each feature's own (site/features/<feature>/).
      customCss: [
        katexCss,
        './site/styles/course.css',
        './site/styles/controls.css',
        './site/features/course-map/course-map.css',
        './site/features/conv-cost/conv-cost.css',
        './site/features/channel-shuffle/channel-shuffle.css',
        './site/figures/figures.css',
        './site/features/exercise/exercise.css',
        './site/features/runtime-demo/runtime-demo.css',
      ],
      lastUpdated: false,
      pagination: true,
    }),
    // Starlight brings its own MDX integration; ours must come after it.
    mdx(),
    preact(),
  ],
  vite: {
    // A browser stand-in for `node:module` (site/build/build-noise.ts).
    plugins: [browserNodeModule()],
    resolve: {
      alias: [
        // Monaco's CSS must be linked by URL (the production build drops CSS that only a dynamic
        // import reaches; `?url`: https://vite.dev/guide/assets#explicit-url-imports). Its
        // exports map hides the file, and only a regex key also matches the `?url` suffix.
        {
          find: /^monaco-editor-css/,
          replacement: fileURLToPath(
            new URL('./node_modules/monaco-editor/min/vs/editor/editor.main.css', import.meta.url),
          ),
        },
      ],
    },
    // onLog drops two known-harmless warnings, each explained in site/build/build-noise.ts.
    // checks.pluginTimings off: Rolldown's notice that plugins took some of the build time is
    // advice for plugin authors that a busy machine triggers, not a problem with the site.
    build: {
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { onLog, checks: { pluginTimings: false } },
    },
    worker: {
      format: 'es',
      plugins: () => [browserNodeModule()],
      rolldownOptions: { onLog, checks: { pluginTimings: false } },
    },
  },
});
