import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiDocument, documentText } from './openapi/api-document';

/** npm run openapi: writes openapi.json, the document `GET /openapi.json` serves (bundled into its function). */
async function main(): Promise<void> {
  const path = join(__dirname, '..', 'openapi.json');
  writeFileSync(path, documentText(await apiDocument()));
  console.log(`wrote ${path}`);
}

void main();
