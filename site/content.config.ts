import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { lessonFields } from './build/lesson-schema.ts';

/**
 * Lessons live in `site/lessons`; `site/content/docs` is a link to it because Starlight's loader
 * reads that fixed folder (https://starlight.astro.build/manual-setup/; Starlight's
 * utils/collection.ts: the content folder structure is "fixed for now"), and only then does the
 * rest of Starlight (search, i18n, previous/next) see the lessons.
 */
/**
 * The lesson fields are optional here only because Starlight validates the frontmatter of
 * generated pages (the home page, 404) against this same schema. Every file in `site/lessons`
 * is checked against the strict schema by the sidebar builder, which fails the build.
 */
export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({ extend: lessonFields.partial() }),
  }),
  /**
   * Our wording for Starlight's own UI strings (site/content/i18n/<lang>.json,
   * https://starlight.astro.build/guides/i18n/#translate-starlights-ui). Declaring it also stops
   * Astro warning at every build that Starlight looked for a collection that does not exist.
   */
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
