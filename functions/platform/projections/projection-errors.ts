/**
 * A row or tracker cannot catch up yet: the store does not hold the events before this version
 * (it should, as it is read consistently; retry later).
 */
export class ViewGapError extends Error {
  constructor(readonly key: Record<string, string>, readonly lastVersion: number, readonly version: number) {
    super(`view row ${JSON.stringify(key)} is at version ${lastVersion} and the store cannot fill the gap to version ${version} yet`);
    this.name = 'ViewGapError';
  }
}

/** Other writers kept moving the row between our read and our write; retry later. */
export class LostRaceError extends Error {
  constructor(readonly key: Record<string, string>, readonly attempts: number) {
    super(`view row ${JSON.stringify(key)} was moved by another writer ${attempts} times in a row between our read and our write`);
    this.name = 'LostRaceError';
  }
}
