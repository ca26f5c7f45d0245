// Checks Snapshot space settings files with snapshot.js's own space schema and formats
// (`validateSchema(schemas.space, …)`, the check the Snapshot hub runs on a space's settings).
// Usage: node snapshot-validate.mjs FILE…   Prints one JSON result per file; exits 1 if any fails.
import { readFileSync } from 'node:fs';
import snapshot from '@snapshot-labs/snapshot.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node snapshot-validate.mjs FILE…');
  process.exit(2);
}
let failed = false;
const results = files.map((file) => {
  let settings;
  try {
    settings = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    failed = true;
    return { file, valid: false, errors: [{ message: String(e.message) }] };
  }
  // `snapshotEnv: 'default'` accepts every network snapshot.js knows, testnets included, as the
  // hub's default environment does.
  const result = snapshot.utils.validateSchema(snapshot.schemas.space, settings, {
    snapshotEnv: 'default',
    spaceType: 'default',
  });
  if (result === true) return { file, valid: true };
  failed = true;
  return {
    file,
    valid: false,
    errors: result.map((e) => ({ path: e.instancePath, keyword: e.keyword, message: e.message })),
  };
});
console.log(JSON.stringify(results, null, 2));
process.exit(failed ? 1 : 0);
