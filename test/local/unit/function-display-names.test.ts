import { functionDisplayNames } from '../../../local/lambda/display-names';

const fn = (stackName: string, logicalId: string) => ({ name: `${stackName}-${logicalId}`, stackName });

describe("functions' names in logs and usage", () => {
  it("leave out the function's own stack name, as with one stack", () => {
    const names = functionDisplayNames([fn('Orderline-dev', 'HttpCreateOrder1A2B'), fn('Orderline-dev-Platform', 'Health3C4D'), fn('Orderline-dev-Bank', 'Projector5E6F')]);
    expect([...names.values()]).toEqual(['HttpCreateOrder1A2B', 'Health3C4D', 'Projector5E6F']);
  });

  it("keep the stack's last name segment in front where two stacks' functions share a logical id", () => {
    const names = functionDisplayNames([fn('Orderline-dev-Orders', 'ApiHandler5B8E'), fn('Orderline-dev-Bank', 'ApiHandler5B8E'), fn('Orderline-dev-Bank', 'Projector5E6F')]);
    expect(Object.fromEntries(names)).toEqual({
      'Orderline-dev-Orders-ApiHandler5B8E': 'Orders-ApiHandler5B8E',
      'Orderline-dev-Bank-ApiHandler5B8E': 'Bank-ApiHandler5B8E',
      'Orderline-dev-Bank-Projector5E6F': 'Projector5E6F',
    });
  });

  it('fall back to the whole physical name where even that repeats', () => {
    const names = functionDisplayNames([fn('Orderline-dev-Orders', 'Fn1'), fn('Orderline-prod-Orders', 'Fn1')]);
    expect([...names.values()]).toEqual(['Orderline-dev-Orders-Fn1', 'Orderline-prod-Orders-Fn1']);
  });
});
