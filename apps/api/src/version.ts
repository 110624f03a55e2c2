import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The product version, from the root package.json. */
export const VERSION: string = (
  JSON.parse(fs.readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { version: string }
).version;
