// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { readLessons } from './site/lib/read-lessons.ts';
import { buildSidebar } from './site/lib/sidebar.ts';

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
      customCss: ['katex/dist/katex.min.css', './site/styles/course.css'],
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
        // Monaco's CSS must be linked by URL (docs/toolchain-notes.md#monaco-css); its exports map
        // hides the file, and only a regex key also matches the `?url` suffix.
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
