import { pgEnum } from 'drizzle-orm/pg-core';

/** A user may hold several roles; `resident` is the default for anyone who registers. */
export const roleEnum = pgEnum('role', ['resident', 'evaluator', 'coach', 'donor', 'staff', 'admin']);

export const localeEnum = pgEnum('locale', ['it', 'en']);

export const userTokenPurposeEnum = pgEnum('user_token_purpose', ['email_verification', 'password_reset']);

export const outboxStatusEnum = pgEnum('outbox_status', ['pending', 'sending', 'sent', 'failed']);
