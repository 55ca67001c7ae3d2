import path from 'node:path';
import { z } from 'astro/zod';

/**
 * The one place where environment variables become typed settings. The Astro app passes the values
 * it received through astro:env (validated at start-up); command-line scripts pass process.env.
 * An invalid value stops the process with a message that names the variable.
 */
const schema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres://').optional(),
  VIVAIO_DATA_DIR: z.string().min(1).default('./data'),
  VIVAIO_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  VIVAIO_PUBLIC_URL: z.url().optional(),
  VIVAIO_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  VIVAIO_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  VIVAIO_MAIL_FROM: z.string().min(3).default('Vivaio <noreply@vivaio.localhost>'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  UPLOADTHING_TOKEN: z.string().min(20, 'must be the token from the UploadThing dashboard').optional(),
});

export type Config = {
  databaseUrl: string | null;
  dataDir: string;
  pgliteDir: string;
  /** Demo mode: seed demo data on first start and show demo accounts on the login page. */
  demo: boolean;
  publicUrl: string | null;
  trustProxy: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  mailFrom: string;
  smtpUrl: string | null;
  /** Uploaded files go to UploadThing when set, else to `uploadsDir` on the local disk. */
  uploadthingToken: string | null;
  uploadsDir: string;
};

export function readConfig(source: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.VIVAIO_DATA_DIR);
  const databaseUrl = env.DATABASE_URL ?? null;
  // Demo mode is on for the embedded database unless switched off, and off on a real server
  // unless asked for: nobody wants demo accounts in a city's production database.
  const demo = env.VIVAIO_DEMO === 'auto' ? databaseUrl === null : env.VIVAIO_DEMO === 'true';
  return {
    databaseUrl,
    dataDir,
    pgliteDir: path.join(dataDir, 'pglite'),
    demo,
    publicUrl: env.VIVAIO_PUBLIC_URL?.replace(/\/$/, '') ?? null,
    trustProxy: env.VIVAIO_TRUST_PROXY === 'true',
    logLevel: env.VIVAIO_LOG_LEVEL,
    mailFrom: env.VIVAIO_MAIL_FROM,
    smtpUrl: env.SMTP_URL ?? null,
    uploadthingToken: env.UPLOADTHING_TOKEN ?? null,
    uploadsDir: path.join(dataDir, 'uploads'),
  };
}
