// @ts-check
import { defineConfig, envField } from 'astro/config';
import node from '@astrojs/node';

// Every runtime variable is declared here so Astro validates it at start-up (astro:env).
// Scripts outside Astro (db:migrate, db:seed, admin:create) read the same names through
// src/lib/server/config.ts, which is the single place that turns them into typed settings.
const secret = /** @type {const} */ ({ context: 'server', access: 'secret', optional: true });

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // Sessions are our own (Lucia's design, stored in PostgreSQL); Astro's file-based store would
  // make instances stateful.
  session: false,
  server: { port: 4321, host: 'localhost' },
  security: {
    checkOrigin: true,
    // Attachments are posted to form actions (accept: 'form'); the per-file limits (at most 20 MB)
    // are checked by the upload use case, this only bounds the whole request.
    actionBodySizeLimit: 25 * 1024 * 1024,
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ],
    },
  },
  markdown: { syntaxHighlight: false },
  env: {
    validateSecrets: true,
    schema: {
      DATABASE_URL: envField.string({ ...secret }),
      VIVAIO_DATA_DIR: envField.string({ ...secret }),
      VIVAIO_DEMO: envField.enum({ ...secret, values: ['auto', 'true', 'false'] }),
      VIVAIO_PUBLIC_URL: envField.string({ ...secret }),
      VIVAIO_TRUST_PROXY: envField.enum({ ...secret, values: ['true', 'false'] }),
      VIVAIO_LOG_LEVEL: envField.enum({ ...secret, values: ['debug', 'info', 'warn', 'error'] }),
      VIVAIO_MAIL_FROM: envField.string({ ...secret }),
      SMTP_URL: envField.string({ ...secret }),
      UPLOADTHING_TOKEN: envField.string({ ...secret }),
    },
  },
  vite: {
    // Native and database packages stay external; the server imports them from node_modules.
    ssr: { external: ['@node-rs/argon2', '@electric-sql/pglite', 'postgres', 'nodemailer'] },
  },
});
