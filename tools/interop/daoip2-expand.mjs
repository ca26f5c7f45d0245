// Expands DAOIP-2 daoURI documents with the `jsonld` package and checks the expanded graph:
// one node of type DAO with a name and a governanceURI that resolves to a file beside it.
// The DAOstar context (`http://www.daostar.org/schemas`) is served from the local copy in
// contexts/ (written from the DAOIP-2 term list): no network is used, any other URL is refused.
// Usage: node daoip2-expand.mjs FILE…   Prints one JSON result per file; exits 1 if any fails.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jsonld from 'jsonld';

const DAOSTAR = 'http://www.daostar.org/schemas';
const NS = `${DAOSTAR}#`;
const context = JSON.parse(readFileSync(new URL('./contexts/daostar-schemas.jsonld', import.meta.url), 'utf8'));

async function documentLoader(url) {
  const bare = url.replace(/^https:/, 'http:').replace(/\/$/, '');
  if (bare === DAOSTAR) return { contextUrl: null, documentUrl: url, document: context };
  throw new Error(`refusing to load ${url}: only the DAOstar context is served (no network)`);
}

async function check(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  // safe mode: terms the context does not define are errors, not silently dropped.
  const expanded = await jsonld.expand(doc, { base: pathToFileURL(file).href, documentLoader, safe: true });
  const errors = [];
  if (expanded.length !== 1) errors.push(`expected one node, found ${expanded.length}`);
  const node = expanded[0] ?? {};
  if (!(node['@type'] ?? []).includes(`${NS}DAO`)) errors.push('the node is not of type DAO');
  const name = node[`${NS}name`]?.[0]?.['@value'];
  if (typeof name !== 'string' || name.length === 0) errors.push('no name');
  const governance = node[`${NS}governanceURI`]?.[0]?.['@id'];
  if (typeof governance !== 'string') errors.push('no governanceURI');
  else if (governance.startsWith('file:') && !existsSync(fileURLToPath(governance)))
    errors.push(`governanceURI ${governance} names no file`);
  return { file, valid: errors.length === 0, name, governanceURI: governance, errors, expanded };
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node daoip2-expand.mjs FILE…');
  process.exit(2);
}
const results = [];
for (const file of files) {
  try {
    results.push(await check(file));
  } catch (e) {
    results.push({ file, valid: false, errors: [String(e.message ?? e)] });
  }
}
console.log(JSON.stringify(results, null, 2));
process.exit(results.every((r) => r.valid) ? 0 : 1);
