import { describe, expect, it } from 'vitest';
import { authorize, can, invitableRoles, roles } from '../../src/domain/policy.ts';
import { isDomainError } from '../../src/domain/errors.ts';

const staff = { userId: 's', roles: ['staff'] as const, emailVerified: true };
const resident = { userId: 'r', roles: ['resident'] as const, emailVerified: true };

describe('authorize', () => {
  it('returns quietly when allowed', () => {
    expect(() => authorize(staff, 'user.invite')).not.toThrow();
  });

  it('throws a forbidden domain error carrying the reason and the action', () => {
    let caught: unknown;
    try {
      authorize(resident, 'user.invite');
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught)).toBe(true);
    expect(caught).toMatchObject({ kind: 'forbidden', code: 'missing_role', details: { action: 'user.invite' } });
  });

  it('asks an anonymous visitor to sign in', () => {
    expect(() => authorize(null, 'account.view')).toThrow(expect.objectContaining({ code: 'not_signed_in' }));
  });
});

describe('roles', () => {
  it('staff may invite every role but admin', () => {
    expect([...invitableRoles].sort()).toEqual(roles.filter((r) => r !== 'admin' && r !== 'resident').sort());
  });

  it('a person holding several roles gets the union of their permissions', () => {
    const both = { userId: 'x', roles: ['resident', 'evaluator'] as const, emailVerified: true };
    expect(can(both, 'area.me').ok).toBe(true);
    expect(can(both, 'area.review').ok).toBe(true);
    expect(can(both, 'area.staff')).toEqual({ ok: false, reason: 'missing_role' });
  });
});
