import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentText } from './openapi/api-document';

/** npm run openapi: writes openapi.json, the document `GET /openapi.json` serves (bundled into its function). */
const path = join(__dirname, '..', 'openapi.json');
writeFileSync(path, documentText());
console.log(`wrote ${path}`);
