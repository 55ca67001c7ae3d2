import {
  DATABASE_URL,
  SMTP_URL,
  UPLOADTHING_TOKEN,
  VIVAIO_DATA_DIR,
  VIVAIO_DEMO,
  VIVAIO_LOG_LEVEL,
  VIVAIO_MAIL_FROM,
  VIVAIO_PUBLIC_URL,
  VIVAIO_TRUST_PROXY,
} from 'astro:env/server';
import { readConfig, type Config } from './config.ts';

/** The app's settings: astro:env has validated the variables, readConfig derives the rest. */
let cached: Config | null = null;
export function appConfig(): Config {
  cached ??= readConfig({
    DATABASE_URL,
    SMTP_URL,
    UPLOADTHING_TOKEN,
    VIVAIO_DATA_DIR,
    VIVAIO_DEMO,
    VIVAIO_LOG_LEVEL,
    VIVAIO_MAIL_FROM,
    VIVAIO_PUBLIC_URL,
    VIVAIO_TRUST_PROXY,
  });
  return cached;
}
