import type { RequestContext } from '../../src/domain/context.ts';
import type { Actor, Role } from '../../src/domain/policy.ts';

/** A request context for use cases in tests; `now` can be pinned. */
export function testContext(overrides: Partial<RequestContext> & { now?: () => Date } = {}): RequestContext {
  return {
    actor: null,
    requestId: 'test-request',
    ip: '203.0.113.7',
    locale: 'it',
    origin: 'http://vivaio.test',
    now: () => new Date(),
    ...overrides,
  };
}

export function actor(userId: string, roles: Role[], emailVerified = true): Actor {
  return { userId, roles, emailVerified };
}
