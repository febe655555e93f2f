import type { LocalIam } from '../iam';
import type { TemplateResource } from '../template/cloud-assembly';
import type { PhysicalResource, Pseudo } from '../template/intrinsics';

/**
 * What the per-resource wiring reads of the template and shares with the system: the resources,
 * their physical names and resolved properties, the local IAM (when enforced), the log, and the
 * list of what to stop when the system stops.
 */
export type TemplateContext = {
  resources: Record<string, TemplateResource>;
  pseudo: Pseudo;
  physical: (id: string) => PhysicalResource | undefined;
  ofType: (type: string) => [string, TemplateResource][];
  /** A resource's properties with every intrinsic resolved to its local value. */
  props: (resource: TemplateResource, id: string) => Record<string, unknown>;
  iam: LocalIam | undefined;
  log: (line: string) => void;
  stops: (() => Promise<void>)[];
};
