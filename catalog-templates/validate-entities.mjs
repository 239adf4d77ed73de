// Checks Larder's catalog output (GET /api/v1/catalog/entities, multi-document YAML) with Backstage's own entity
// policies and the Resource kind's schema, as the catalog does when it ingests a url location.
// Usage: node validate-entities.mjs <file.yaml>   — exits 1 and names each problem when an entity is refused.
import { readFileSync } from 'node:fs';
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const file = process.argv[2];
const documents = parseAllDocuments(readFileSync(file, 'utf8'));
const problems = [];
let count = 0;
for (const document of documents) {
  if (document.errors.length > 0) {
    problems.push(`YAML: ${document.errors[0].message}`);
    continue;
  }
  const entity = document.toJS();
  if (entity === null || entity === undefined) continue;
  count++;
  const name = entity?.metadata?.name ?? '(no name)';
  try {
    await policy.enforce(structuredClone(entity));
    if (!(await resourceEntityV1alpha1Validator.check(structuredClone(entity)))) {
      problems.push(`${name}: not a backstage.io/v1alpha1 Resource`);
    }
  } catch (e) {
    problems.push(`${name}: ${e.message}`);
  }
}
if (problems.length > 0) {
  console.error(`Backstage would refuse ${problems.length} of ${count} entities:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`${count} entities valid as Backstage Resources`);
