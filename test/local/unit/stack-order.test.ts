import { orderStacks, type StackArtifact } from '../../../local/template/stack-order';

const stack = (id: string, ...dependencies: string[]): StackArtifact => ({ id, stackName: `Orderline-dev-${id}`, dependencies });
const names = (stacks: StackArtifact[]) => stacks.map((s) => s.stackName);
const assetManifests = new Set(['Platform.assets', 'Orders.assets']);

describe('the order the stacks run in', () => {
  it('runs each stack after the stacks it depends on, whatever order the manifest lists them in', () => {
    const ordered = orderStacks([stack('Bank', 'Platform', 'Orders'), stack('Orders', 'Platform', 'Orders.assets'), stack('Platform', 'Platform.assets')], (id) => assetManifests.has(id));
    expect(names(ordered)).toEqual(['Orderline-dev-Platform', 'Orderline-dev-Orders', 'Orderline-dev-Bank']);
    expect(ordered.map((s) => s.dependsOn)).toEqual([[], ['Orderline-dev-Platform'], ['Orderline-dev-Platform', 'Orderline-dev-Orders']]);
  });

  it("keeps the manifest's order between stacks that do not depend on each other", () => {
    expect(names(orderStacks([stack('Orders', 'Platform'), stack('Bank', 'Platform'), stack('Platform')], () => false))).toEqual(['Orderline-dev-Platform', 'Orderline-dev-Orders', 'Orderline-dev-Bank']);
  });

  it('refuses a cycle, naming the stacks in it', () => {
    const cyclic = [stack('Platform'), stack('Orders', 'Platform', 'Bank'), stack('Bank', 'Orders')];
    expect(() => orderStacks(cyclic, () => false)).toThrow('the stacks depend on each other in a cycle, so no order deploys them: Orderline-dev-Orders → Orderline-dev-Bank → Orderline-dev-Orders');
  });

  it('refuses a dependency on a stack the assembly does not have, naming both', () => {
    expect(() => orderStacks([stack('Orders', 'Platform')], () => false)).toThrow('Orderline-dev-Orders depends on Platform, which is not in the cloud assembly');
  });
});
