#!/usr/bin/env node
// Validates Larder's Backstage Software Templates with Backstage's own validators, checks the requests they send
// against Larder's API, and writes one rendered request per template to target/rendered/.
//
//   node validate.mjs              validate everything; exit 1 with a list of problems
//   node validate.mjs --self-test  break copies of the templates in known ways and check each break is caught
//
// What is checked, per template (<folder>/template.yaml):
//   - the entity, as Backstage's catalog checks it: @backstage/catalog-model's entity policies (namespace, field
//     formats, no foreign root fields, the envelope schema) and @backstage/plugin-scaffolder-common's
//     templateEntityV1beta3Validator (the Template kind's JSON Schema); metadata.name equals the folder name;
//   - the form: every `pattern` compiles as the form's validator (ajv, unicode mode) compiles it, `required` names
//     existing properties, the example values in examples.json pass the form's schema and every `reject` entry fails
//     it;
//   - the steps: every step calls http:backstage:request through the proxy (/proxy/larder/api/v1/...) with a JSON
//     content type and x-larder-on-behalf-of: ${{ user.ref }}; the last step (the one the template is for) fails on
//     4xx/5xx; parameters and steps referred to exist (steps: earlier ones); rendered with the examples, method, path
//     and body match an endpoint of Larder's API (below) field by field;
//   - the output: links render, with the sample responses, to a catalog path or an https URL.
// all-templates.yaml is validated as a Location entity, and its targets must be exactly the template folders.
//
// Rendering follows the scaffolder: `${{ }}` expressions (nunjucks syntax), a value that is one expression keeps its
// type (a number stays a number, a list a list), an empty result drops the field, and the parseEntityRef and pick
// filters behave as Backstage's.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  locationEntityV1alpha1Validator,
  parseEntityRef,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import AjvModule from 'ajv';
import nunjucks from 'nunjucks';
import { parseAllDocuments } from 'yaml';

const Ajv = AjvModule.default ?? AjvModule;
const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'target', 'rendered');
const ACTION = 'http:backstage:request';
const PROXY_PREFIX = '/proxy/larder';

// Larder's API as the templates may use it (backend/README.md): method, path, and the body's fields.
const KINDS = ['mysql', 'dynamodb', 'redis', 'opensearch'];
const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const API = [
  { method: 'GET', path: /^\/api\/v1\/services\/[a-z][a-z0-9_]*$/ },
  { method: 'POST', path: /^\/api\/v1\/services$/, required: ['name', 'team'], optional: ['system', 'description'] },
  { method: 'GET', path: /^\/api\/v1\/datastores\/[0-9]+$/ },
  {
    method: 'POST', path: /^\/api\/v1\/datastores$/,
    required: ['service', 'name', 'kind', 'environment'], optional: ['cluster', 'replicationGroup'],
    enums: { kind: KINDS, environment: ENVIRONMENTS },
  },
  {
    method: 'POST', path: /^\/api\/v1\/datastores\/[0-9]+\/access-requests$/,
    required: ['level', 'duration', 'reason'], optional: ['ticket', 'breakGlass'],
    enums: { level: ['read', 'write'] },
  },
  {
    method: 'POST', path: /^\/api\/v1\/datastores\/[0-9]+\/data-changes$/,
    required: ['statements', 'reason'], optional: ['ticket', 'draft'], arrays: ['statements'],
  },
  {
    method: 'POST', path: /^\/api\/v1\/datastores\/[0-9]+\/migrations$/,
    required: ['files'], optional: ['commandId', 'requestedBy', 'ci'], arrays: ['files'], actor: 'requestedBy',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Rendering, the scaffolder's way

const env = new nunjucks.Environment(null, {
  autoescape: false,
  tags: { variableStart: '${{', variableEnd: '}}' },
});
env.addFilter('parseEntityRef', (ref, context) => parseEntityRef(ref, context));
env.addFilter('pick', (obj, key) => key.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj));

function isSingleTemplateString(input) {
  const parsed = nunjucks.parser.parse(input, {}, { autoescape: false, tags: { variableStart: '${{', variableEnd: '}}' } });
  return parsed.children.length === 1 && !(parsed.children[0]?.children?.[0] instanceof nunjucks.nodes.TemplateData);
}

function render(input, context) {
  if (input === undefined) return undefined;
  return JSON.parse(JSON.stringify(input), (_key, value) => {
    if (typeof value !== 'string') return value;
    if (isSingleTemplateString(value)) {
      const templated = env.renderString(value.replace(/\${{(.+)}}/g, '${{ ( $1 ) | dump }}'), context);
      return templated === '' ? undefined : JSON.parse(templated);
    }
    const templated = env.renderString(value, context);
    return templated === '' ? undefined : templated;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

const entityPolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

async function checkEntity(entity, kindValidator, problems) {
  try {
    await entityPolicy.enforce(structuredClone(entity));
  } catch (e) {
    problems.push(`not a valid catalog entity: ${e.message}`);
    return false;
  }
  try {
    if (!(await kindValidator.check(structuredClone(entity)))) {
      problems.push(`not a ${entity.apiVersion} ${entity.kind} Backstage knows (wrong apiVersion or kind)`);
      return false;
    }
  } catch (e) {
    problems.push(`invalid ${entity.kind}: ${e.message}`);
    return false;
  }
  return true;
}

function parseYaml(text, problems) {
  const docs = parseAllDocuments(text);
  const errors = docs.flatMap(doc => doc.errors);
  if (errors.length) {
    // The first error is the one to fix; the rest usually follow from it.
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more after it)` : '';
    problems.push(`YAML: ${errors[0].message.split('\n')[0].replace(/:$/, '')}${more}`);
    return undefined;
  }
  const values = docs.map(d => d.toJS()).filter(v => v != null);
  if (values.length !== 1) {
    problems.push(`expected exactly one YAML document, found ${values.length}`);
    return undefined;
  }
  return values[0];
}

// Walks a form schema: calls visit(schema, path) for the schema and every nested property / array item.
function walkSchema(schema, path, visit) {
  if (!schema || typeof schema !== 'object') return;
  visit(schema, path);
  for (const [name, sub] of Object.entries(schema.properties ?? {})) walkSchema(sub, `${path}.properties.${name}`, visit);
  if (schema.items && !Array.isArray(schema.items)) walkSchema(schema.items, `${path}.items`, visit);
}

// The form's schema as the scaffolder validates it: ui:* and backstage:* keys go to the uiSchema, not the schema.
function formSchema(value) {
  if (Array.isArray(value)) return value.map(formSchema);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value)
    .filter(([k]) => !k.startsWith('ui:') && !k.startsWith('backstage:'))
    .map(([k, v]) => [k, formSchema(v)]));
}

const ajv = new Ajv({ strict: false, allErrors: true, useDefaults: true });

function describeAjvErrors(errors) {
  return errors.map(e => `${e.instancePath || '(form)'} ${e.message}`).join('; ');
}

function expressions(value, out = []) {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/\${{(.*?)}}/gs)) out.push(m[1]);
  } else if (Array.isArray(value)) {
    value.forEach(v => expressions(v, out));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach(v => expressions(v, out));
  }
  return out;
}

function referencedSteps(expression) {
  return [...expression.matchAll(/steps(?:\[\s*['"]([^'"]+)['"]\s*\]|\.([A-Za-z_][A-Za-z0-9_-]*))/g)].map(m => m[1] ?? m[2]);
}

function referencedParameters(expression) {
  return [...expression.matchAll(/parameters(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)].map(m => m[1] ?? m[2]);
}

// nunjucks errors read "(unknown path)\n  Error: filter not found: x"; keep the part a person needs.
function oneLine(error) {
  return error.message.replace('(unknown path)', '').replace(/\s+/g, ' ').trim();
}

function headerValue(headers, name) {
  const entry = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return entry?.[1];
}

function checkRequest(where, request, userRef, problems) {
  const { method, path, headers, body } = request;
  if (typeof path !== 'string' || !path.startsWith(`${PROXY_PREFIX}/api/v1/`)) {
    problems.push(`${where}: path must go through the proxy, ${PROXY_PREFIX}/api/v1/…; rendered: ${path}`);
    return;
  }
  if (headerValue(headers, 'content-type') !== 'application/json') {
    problems.push(`${where}: headers need content-type: application/json (the action sends the body as JSON only then)`);
  }
  if (headerValue(headers, 'x-larder-on-behalf-of') !== userRef) {
    problems.push(`${where}: headers need x-larder-on-behalf-of: \${{ user.ref }}, rendered: ${headerValue(headers, 'x-larder-on-behalf-of')}`);
  }
  if (headerValue(headers, 'authorization') !== undefined) {
    problems.push(`${where}: no authorization header: the proxy adds Larder's token`);
  }
  const apiPath = path.slice(PROXY_PREFIX.length).split('?')[0];
  const endpoint = API.find(e => e.method === method && e.path.test(apiPath));
  if (!endpoint) {
    problems.push(`${where}: ${method} ${apiPath} is not an endpoint of Larder's API these templates may call`);
    return;
  }
  if (!endpoint.required) {
    if (body !== undefined) problems.push(`${where}: ${method} ${apiPath} takes no body`);
    return;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    problems.push(`${where}: ${method} ${apiPath} needs a JSON object body`);
    return;
  }
  for (const field of endpoint.required) {
    if (body[field] === undefined || body[field] === null || body[field] === '') {
      problems.push(`${where}: body field "${field}" is missing (rendered with the examples)`);
    }
  }
  const known = new Set([...endpoint.required, ...endpoint.optional]);
  for (const field of Object.keys(body)) {
    if (!known.has(field)) {
      problems.push(`${where}: body field "${field}" is not one Larder reads; ${method} ${apiPath} takes ${[...known].join(', ')}`);
    }
  }
  for (const [field, allowed] of Object.entries(endpoint.enums ?? {})) {
    if (body[field] !== undefined && !allowed.includes(body[field])) {
      problems.push(`${where}: body field "${field}" is "${body[field]}", must be one of ${allowed.join(', ')}`);
    }
  }
  for (const field of endpoint.arrays ?? []) {
    if (body[field] !== undefined && !Array.isArray(body[field])) {
      problems.push(`${where}: body field "${field}" must be a list; write it as one expression, e.g. \${{ parameters.${field} }}`);
    }
  }
  if (endpoint.actor && body[endpoint.actor] !== userRef) {
    problems.push(`${where}: body field "${endpoint.actor}" must be \${{ user.ref }}`);
  }
}

async function checkTemplate(folder, template, examples, userRef) {
  const problems = [];
  const rendered = {};
  if (!(await checkEntity(template, templateEntityV1beta3Validator, problems))) return { problems, rendered };
  if (template.metadata.name !== folder) {
    problems.push(`metadata.name is "${template.metadata.name}", must be the folder's name "${folder}"`);
  }

  // The form
  const pages = Array.isArray(template.spec.parameters) ? template.spec.parameters : [template.spec.parameters ?? {}];
  const declared = new Set();
  pages.forEach((page, i) => {
    for (const name of Object.keys(page.properties ?? {})) declared.add(name);
    walkSchema(page, `spec.parameters[${i}]`, (schema, path) => {
      if (schema.pattern !== undefined) {
        try {
          new RegExp(schema.pattern, 'u');
        } catch (e) {
          problems.push(`${path}.pattern does not compile: ${e.message}`);
        }
      }
      for (const name of schema.required ?? []) {
        if (!(name in (schema.properties ?? {}))) problems.push(`${path}.required names "${name}", which is not a property`);
      }
    });
  });
  if (problems.length) return { problems, rendered };

  if (!examples) {
    problems.push(`examples.json has no entry for "${folder}"`);
    return { problems, rendered };
  }
  for (const name of Object.keys(examples.parameters ?? {})) {
    if (!declared.has(name)) problems.push(`examples.json: "${name}" is not a parameter of this template`);
  }
  const validators = [];
  for (const [i, page] of pages.entries()) {
    try {
      validators.push(ajv.compile(formSchema(page)));
    } catch (e) {
      problems.push(`spec.parameters[${i}] is not a schema the form can use: ${e.message}`);
    }
  }
  if (problems.length) return { problems, rendered };
  const formErrors = values => validators.flatMap(validate => (validate(values) ? [] : validate.errors));
  const parameters = structuredClone(examples.parameters ?? {});
  const exampleErrors = formErrors(parameters); // also fills in the form's defaults, as the form does
  if (exampleErrors.length) problems.push(`examples.json: the example values fail the form: ${describeAjvErrors(exampleErrors)}`);
  for (const change of examples.reject ?? []) {
    if (formErrors({ ...structuredClone(examples.parameters), ...structuredClone(change) }).length === 0) {
      problems.push(`the form accepts ${JSON.stringify(change)}, which examples.json says it must reject`);
    }
  }

  // The steps
  const steps = template.spec.steps ?? [];
  const seen = new Set();
  steps.forEach((step, i) => {
    const where = `step ${step.id ?? i}`;
    if (!step.id) problems.push(`${where}: needs an id`);
    else if (seen.has(step.id)) problems.push(`${where}: the id is used twice`);
    if (step.action !== ACTION) problems.push(`${where}: action is ${step.action}, expected ${ACTION}`);
    for (const expression of expressions([step.input, step.if])) {
      for (const name of referencedParameters(expression)) {
        if (!declared.has(name)) problems.push(`${where}: refers to parameters.${name}, which the form does not ask for`);
      }
      for (const id of referencedSteps(expression)) {
        if (!seen.has(id)) problems.push(`${where}: refers to steps['${id}'], which does not run before it`);
      }
    }
    if (step.id) seen.add(step.id);
  });
  const main = steps[steps.length - 1];
  if (main?.input?.continueOnBadResponse) {
    problems.push(`step ${main.id}: the template's last call must fail the task on 4xx/5xx (no continueOnBadResponse)`);
  }
  for (const expression of expressions(template.spec.output)) {
    for (const name of referencedParameters(expression)) {
      if (!declared.has(name)) problems.push(`output: refers to parameters.${name}, which the form does not ask for`);
    }
    for (const id of referencedSteps(expression)) {
      if (!seen.has(id)) problems.push(`output: refers to steps['${id}'], which is not a step`);
    }
  }
  if (!template.spec.output?.links?.length) problems.push('output.links: the template must end with links');
  if (problems.length) return { problems, rendered };

  const user = { ref: userRef, entity: { metadata: { name: parseEntityRef(userRef).name } } };
  const stepOutputs = Object.fromEntries(Object.entries(examples.responses ?? {})
    .map(([id, r]) => [id, { output: { code: r.code, headers: { 'content-type': 'application/json' }, body: r.body } }]));
  for (const step of steps) {
    const where = `step ${step.id}`;
    try {
      const input = render(step.input, { parameters, user, steps: stepOutputs });
      const request = { method: input.method, path: input.path, headers: input.headers ?? {}, body: input.body };
      if (request.body === undefined) delete request.body;
      checkRequest(where, request, userRef, problems);
      rendered[step.id] = request;
    } catch (e) {
      problems.push(`${where}: does not render: ${oneLine(e)}`);
    }
  }
  // Larder's catalog feed names each datastore's entity; the API's answers carry that name as catalogName
  const catalogNames = Object.values(examples.responses ?? {})
    .map(r => r.body)
    .filter(b => b?.catalogName)
    .map(b => b.catalogName);
  try {
    const output = render(template.spec.output, { parameters, user, steps: stepOutputs });
    for (const [i, link] of (output.links ?? []).entries()) {
      const url = link.url ?? '';
      if (!link.title) problems.push(`output.links[${i}]: needs a title`);
      if (!(url.startsWith('/catalog/') || url.startsWith('https://')) || /undefined|null|\[object/.test(url)) {
        problems.push(`output.links[${i}]: renders to "${url}"; expected a /catalog/… path or an https URL`);
      }
      if (url.startsWith('/catalog/default/resource/') && !catalogNames.includes(url.slice('/catalog/default/resource/'.length))) {
        problems.push(`output.links[${i}]: renders to "${url}", but Larder's catalog feed names the datastore `
          + `${catalogNames.join(' or ')} (the catalogName of the API's answer)`);
      }
    }
  } catch (e) {
    problems.push(`output: does not render: ${oneLine(e)}`);
  }
  return { problems, rendered, main: main.id };
}

async function checkLocation(location, folders) {
  const problems = [];
  if (!(await checkEntity(location, locationEntityV1alpha1Validator, problems))) return problems;
  const targets = [...(location.spec.targets ?? []), ...(location.spec.target ? [location.spec.target] : [])];
  const expected = folders.map(f => `./${f}/template.yaml`);
  for (const target of targets) {
    if (!expected.includes(target)) problems.push(`target ${target} is not ./<folder>/template.yaml of a template here`);
  }
  for (const target of expected) {
    if (!targets.includes(target)) problems.push(`spec.targets misses ${target}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Loading and reporting

function templateFolders() {
  return readdirSync(HERE, { withFileTypes: true })
    .filter(d => d.isDirectory() && existsSync(join(HERE, d.name, 'template.yaml')))
    .map(d => d.name)
    .sort();
}

function loadAll() {
  const examples = JSON.parse(readFileSync(join(HERE, 'examples.json'), 'utf8'));
  const folders = templateFolders();
  const files = new Map();
  files.set('all-templates.yaml', readFileSync(join(HERE, 'all-templates.yaml'), 'utf8'));
  for (const folder of folders) files.set(`${folder}/template.yaml`, readFileSync(join(HERE, folder, 'template.yaml'), 'utf8'));
  return { examples, folders, files };
}

async function validateAll({ examples, folders, files }) {
  const report = new Map();
  const renderedAll = new Map();
  const locationProblems = [];
  const location = parseYaml(files.get('all-templates.yaml'), locationProblems);
  if (location) locationProblems.push(...(await checkLocation(location, folders)));
  report.set('all-templates.yaml', locationProblems);
  for (const folder of folders) {
    const file = `${folder}/template.yaml`;
    const problems = [];
    const template = parseYaml(files.get(file), problems);
    if (template) {
      const result = await checkTemplate(folder, template, examples.templates?.[folder], examples.user.ref);
      problems.push(...result.problems);
      renderedAll.set(folder, result);
    }
    report.set(file, problems);
  }
  for (const name of Object.keys(examples.templates ?? {})) {
    if (!folders.includes(name)) report.get('all-templates.yaml').push(`examples.json has an entry for "${name}", which is no template folder`);
  }
  return { report, renderedAll };
}

function writeRendered(renderedAll) {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'steps'), { recursive: true });
  for (const [folder, { rendered, main }] of renderedAll) {
    writeFileSync(join(OUT, `${folder}.json`), `${JSON.stringify(rendered[main], null, 2)}\n`);
    for (const [id, request] of Object.entries(rendered)) {
      if (id !== main) writeFileSync(join(OUT, 'steps', `${folder}.${id}.json`), `${JSON.stringify(request, null, 2)}\n`);
    }
  }
}

async function main() {
  rmSync(OUT, { recursive: true, force: true }); // never leave an earlier run's requests behind a failed one
  const all = loadAll();
  const { report, renderedAll } = await validateAll(all);
  const broken = [...report].filter(([, problems]) => problems.length);
  for (const [file, problems] of report) {
    if (problems.length) {
      console.log(`✗ catalog-templates/${file}`);
      for (const p of problems) console.log(`    - ${p}`);
    } else {
      console.log(`✓ catalog-templates/${file}`);
    }
  }
  if (broken.length) {
    const count = broken.reduce((n, [, p]) => n + p.length, 0);
    console.log(`\ncatalog-templates: ${count} problem(s) in ${broken.length} file(s); see above.`);
    process.exit(1);
  }
  writeRendered(renderedAll);
  console.log(`\n${all.folders.length} templates and the Location are valid; sample requests in ${relative(process.cwd(), OUT) || OUT}/`);
}

// Replaces the first occurrence of `from` literally (String.replace would treat $' and $& in `to` specially).
function sub(text, from, to) {
  const at = text.indexOf(from);
  return at < 0 ? text : text.slice(0, at) + to + text.slice(at + from.length);
}

// Each break must be caught; proves the validator fails where it should, without touching the files.
async function selfTest() {
  const breaks = [
    ['the Location misses a target', 'all-templates.yaml', t => sub(t, '    - ./request-data-change/template.yaml\n', ''), 'spec.targets misses'],
    ['a YAML syntax error', 'create-mysql-datastore/template.yaml', t => sub(t, 'kind: Template', 'kind: [Template'), 'YAML'],
    ['spec.steps removed', 'create-mysql-datastore/template.yaml', t => sub(t, '  steps:\n', '  stepz:\n'), 'invalid Template'],
    ['an invalid metadata.name', 'request-data-change/template.yaml', t => sub(t, 'name: request-data-change', 'name: request data change'), 'not a valid catalog entity'],
    ['a pattern that does not compile', 'create-redis-datastore/template.yaml', t => sub(t, `pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$'`, `pattern: '^[a-z][a-z0-9*(_[a-z0-9]+)*$'`), 'does not compile'],
    ['a pattern that lets bad names through', 'create-redis-datastore/template.yaml', t => sub(t, `pattern: '^[a-z][a-z0-9]*(_[a-z0-9]+)*$'`, `pattern: '^.+$'`), 'must reject'],
    ['a misspelt body field', 'request-datastore-access/template.yaml', t => sub(t, '          level: ${{', '          levle: ${{'), 'body field'],
    ['a parameter that does not exist', 'request-datastore-access/template.yaml', t => sub(t, '${{ parameters.reason }}', '${{ parameters.why }}'), 'parameters.why'],
    ['the on-behalf-of header dropped', 'submit-migration-bundle/template.yaml', t => t.replaceAll('          x-larder-on-behalf-of: ${{ user.ref }}\n', ''), 'x-larder-on-behalf-of'],
    ['requestedBy dropped', 'submit-migration-bundle/template.yaml', t => sub(t, '          requestedBy: ${{ user.ref }}\n', ''), 'requestedBy'],
    ['a path around the proxy', 'create-opensearch-datastore/template.yaml', t => sub(t, 'path: /proxy/larder/api/v1/datastores\n', 'path: /api/v1/datastores\n'), 'through the proxy'],
    ['a kind Larder does not know', 'create-dynamodb-datastore/template.yaml', t => sub(t, 'kind: dynamodb', 'kind: dynamo'), 'must be one of'],
    ['the main call continuing on errors', 'request-data-change/template.yaml', t => sub(t, '        body:\n          statements', '        continueOnBadResponse: true\n        body:\n          statements'), 'fail the task'],
    ['a link to a step that does not exist', 'request-data-change/template.yaml', t => sub(t, "steps['submit'].output.body.id }}\n    text", "steps['sumbit'].output.body.id }}\n    text"), "steps['sumbit']"],
    ['a catalog link named otherwise than Larder names it', 'request-datastore-access/template.yaml', t => sub(t, "resource/${{ steps['datastore'].output.body.catalogName }}", "resource/${{ steps['datastore'].output.body.physicalName }}"), 'catalog feed names'],
    ['an unknown filter', 'create-mysql-datastore/template.yaml', t => sub(t, "name: ${{ parameters.name }}", "name: ${{ parameters.name | slugify }}"), 'does not render'],
  ];
  let failures = 0;
  for (const [what, file, mutate, expected] of breaks) {
    const all = loadAll();
    const before = all.files.get(file);
    const after = mutate(before);
    if (after === before) {
      console.log(`✗ self-test "${what}": the mutation did not apply to ${file}; update the self-test`);
      failures++;
      continue;
    }
    all.files.set(file, after);
    const { report } = await validateAll(all);
    const problems = report.get(file);
    if (problems.some(p => p.includes(expected))) {
      console.log(`✓ self-test: ${what} → ${problems.find(p => p.includes(expected))}`);
    } else {
      console.log(`✗ self-test "${what}" in ${file} was not caught (expected a problem mentioning "${expected}"; got ${JSON.stringify(problems)})`);
      failures++;
    }
  }
  if (failures) {
    console.log(`\ncatalog-templates self-test: ${failures} break(s) not caught.`);
    process.exit(1);
  }
  console.log(`\nself-test: all ${breaks.length} breaks caught.`);
}

(process.argv.includes('--self-test') ? selfTest() : main()).catch(e => {
  console.error(`catalog-templates: validation crashed: ${e.stack ?? e}`);
  process.exit(2);
});
