import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/**
 * Static pages (about, how to apply, FAQ, privacy notice, accessibility statement), one Markdown
 * file per language: content/pages/<lang>/<slug>.md, served at /<lang>/<slug>.
 */
const pages = defineCollection({
  loader: glob({ pattern: '*/*.md', base: './content/pages' }),
  schema: z.object({
    title: z.string(),
    description: z.string(),
    /** Date of the last substantive revision (the accessibility statement must show it). */
    updated: z.coerce.date(),
  }),
});

export const collections = { pages };
