import { allowedOrderListing, callerOf, mayAccessOrder, mayUseRoute } from '../../../../functions/orders/domain';

const ada = callerOf('ada', []);
const bob = callerOf('bob', ['customers']);
const admin = callerOf('ops-1', ['support', 'admin']);

describe('access policy', () => {
  it('makes an admin of a member of the admin group only', () => {
    expect(admin).toEqual({ id: 'ops-1', admin: true });
    expect(bob.admin).toBe(false);
    expect(callerOf('x', ['Admin', 'administrators']).admin).toBe(false);
  });

  it('keeps admin routes for admins, and signed-in routes for everyone signed in', () => {
    expect(mayUseRoute(ada, 'signed-in')).toBe(true);
    expect(mayUseRoute(ada, 'admin')).toBe(false);
    expect(mayUseRoute(admin, 'admin')).toBe(true);
    expect(mayUseRoute(admin, 'signed-in')).toBe(true);
  });

  it('lets a customer reach their own orders only, and an admin any order', () => {
    expect(mayAccessOrder(ada, 'ada')).toBe(true);
    expect(mayAccessOrder(ada, 'bob')).toBe(false);
    expect(mayAccessOrder(admin, 'bob')).toBe(true);
  });

  it("lists a customer's own orders whatever they ask, refuses another's, and lets an admin list anything", () => {
    expect(allowedOrderListing(ada, {})).toEqual({ customerId: 'ada' });
    expect(allowedOrderListing(ada, { status: 'placed' })).toEqual({ customerId: 'ada', status: 'placed' });
    expect(allowedOrderListing(ada, { customerId: 'ada' })).toEqual({ customerId: 'ada' });
    expect(allowedOrderListing(ada, { customerId: 'bob' })).toBeUndefined();
    expect(allowedOrderListing(admin, {})).toEqual({});
    expect(allowedOrderListing(admin, { status: 'draft' })).toEqual({ status: 'draft' });
    expect(allowedOrderListing(admin, { customerId: 'bob' })).toEqual({ customerId: 'bob' });
  });
});
