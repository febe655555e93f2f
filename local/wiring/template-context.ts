import type { LocalIam } from '../iam';
import type { LocalAccount } from '../template/intrinsics';
import type { StackResource } from '../template/stack-resource';

/**
 * What the per-resource wiring reads of the cloud assembly and shares with the system: every
 * stack's resources (each resolved in its own stack), the local account, the local IAM (when
 * enforced), the log, and the list of what to stop when the system stops.
 */
export type TemplateContext = {
  /** Every resource of this type, of every stack, in the order the stacks deploy. */
  ofType: (type: string) => StackResource[];
  /** A resource's properties with every intrinsic resolved to its local value. */
  props: (r: StackResource) => Record<string, unknown>;
  account: LocalAccount;
  iam: LocalIam | undefined;
  log: (line: string) => void;
  stops: (() => Promise<void>)[];
};
