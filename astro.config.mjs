// @ts-check
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

const lessonsDir = fileURLToPath(new URL('./site/lessons', import.meta.url));

export default defineConfig({
  srcDir: './site',
  site: 'https://shufflenet-lab.example',
  markdown: {
    // Astro 7's default Markdown engine (Satteri) does not run remark/rehype plugins; KaTeX
    // rendering needs the unified processor.
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }),
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
      // Course-wide styles, then each feature's own (site/features/<feature>/).
      customCss: [
        'katex/dist/katex.min.css',
        './site/styles/course.css',
        './site/features/conv-cost/conv-cost.css',
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
    build: { chunkSizeWarningLimit: 4096 },
    worker: { format: 'es' },
  },
});
