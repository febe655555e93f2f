/** The `source` of the bus entries of an aggregate's events, as the forwarder sends them and rules match them. */
export const busSource = (aggregate: string): string => `orderline.${aggregate}`;
