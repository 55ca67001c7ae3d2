/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    requestId: string;
    locale: import('./lib/i18n/locales.ts').Locale;
    t: import('./lib/i18n/index.ts').Translate;
    user: import('./domain/accounts/session.server.ts').SessionUser | null;
    session: import('./domain/accounts/session.server.ts').Session | null;
    /** Everything a use case needs to know about the caller. */
    ctx: import('./domain/context.ts').RequestContext;
    runtime: import('./lib/server/runtime.ts').Runtime;
  }
}
