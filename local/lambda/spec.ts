/** A function of the template, resolved for this machine. */
export type LambdaFunctionSpec = {
  name: string;
  /** How logs and usage name it (see `functionDisplayNames`); its name when absent. */
  displayName?: string;
  arn: string;
  /** The bundle's folder in the cloud assembly (cdk.out/asset.…). */
  codeDir: string;
  /** `file.export`, e.g. `index.handler`. */
  handler: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
};
