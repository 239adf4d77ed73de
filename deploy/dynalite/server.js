#!/usr/bin/env node
// dynalite behind a small proxy that fills the gaps Larder depends on. For tests and the local run only: production
// talks to AWS DynamoDB. dynalite listens on a private port of 127.0.0.1; this proxy listens on the port asked for
// (0 = any free port) and passes every request through unchanged, except the ones below, which it emulates:
//
//   CreateTable with Tags        dynalite drops the tags silently: the proxy applies them with TagResource after.
//   UpdateTable with a GSI       dynalite answers success and does nothing: the proxy re-creates the table with the
//     Create or Delete           new index set (same keys, billing, tags), copies every item back so dynalite
//                                indexes it, and answers with the new description. One index per call, as AWS.
//   UpdateTimeToLive,            unsupported / always DISABLED in dynalite: the proxy keeps the TTL setting per table
//     DescribeTimeToLive         (in <path>/larder-ttl.json with --path) and answers as AWS does. Items are NOT
//                                deleted when they expire.
//   DescribeTable                ItemCount and TableSizeBytes are always 0 in dynalite: the proxy counts them live
//                                (AWS refreshes them about every six hours).
//
// Usage: node server.js [--host 127.0.0.1] [--port 0] [--path DIR] [--parent-pid PID]
// Prints "LARDER_DYNALITE_READY http://<host>:<port>" once both servers listen. Exits when --parent-pid is gone.
'use strict'

const http = require('http')
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')
const dynalite = require('dynalite')
const dynaliteDb = require('dynalite/db')
const { API, invoke, exchange } = require('./client')

const args = parseArgs(process.argv.slice(2))
const host = args.host || '127.0.0.1'
const ttlFile = args.path ? path.join(args.path, 'larder-ttl.json') : null
const ttl = ttlFile && fs.existsSync(ttlFile) ? JSON.parse(fs.readFileSync(ttlFile, 'utf8')) : {}

// While a table is being re-created, requests that arrive wait, so they never see it missing or half copied.
let gate = Promise.resolve()

const backend = dynalite({ path: args.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
backend.listen(0, '127.0.0.1', () => {
  const backendPort = backend.address().port
  const proxy = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const run = gate.then(() => handle(backendPort, req, body, res))
      // An UpdateTable may re-create a table: what arrives after it waits until it is done.
      if (String(req.headers['x-amz-target'] || '').endsWith('.UpdateTable')) gate = run.catch(() => {})
      run.catch((err) => reply(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
        message: 'larder-dynalite proxy: ' + (err && err.message) }))
    })
  })
  proxy.listen(Number(args.port || 0), host, () => {
    console.log('LARDER_DYNALITE_READY http://%s:%d', host, proxy.address().port)
  })
})

if (args['parent-pid']) {
  setInterval(() => {
    try {
      process.kill(Number(args['parent-pid']), 0)
    } catch {
      process.exit(0)
    }
  }, 1000).unref()
}
process.on('SIGTERM', () => process.exit(0))
process.on('SIGINT', () => process.exit(0))

async function handle (backendPort, req, body, res) {
  const target = String(req.headers['x-amz-target'] || '')
  const operation = target.startsWith(API + '.') ? target.slice(API.length + 1) : ''
  const call = (op, data) => invoke(backendPort, op, data)
  let data = null
  if (['CreateTable', 'UpdateTable', 'UpdateTimeToLive', 'DescribeTimeToLive', 'DescribeTable',
    'DeleteTable'].includes(operation)) {
    try {
      data = JSON.parse(body.toString('utf8'))
    } catch {
      data = null
    }
  }
  if (data === null) return pass(backendPort, req, body, res)

  switch (operation) {
    case 'CreateTable': {
      const answer = await forward(backendPort, req, body)
      if (answer.status === 200 && Array.isArray(data.Tags) && data.Tags.length) {
        const arn = JSON.parse(answer.body.toString('utf8')).TableDescription.TableArn
        await call('TagResource', { ResourceArn: arn, Tags: data.Tags })
      }
      return send(res, answer)
    }
    case 'UpdateTable': {
      const updates = (data.GlobalSecondaryIndexUpdates || []).filter((u) => u.Create || u.Delete)
      if (!updates.length) return pass(backendPort, req, body, res)
      if (updates.length > 1) {
        return reply(res, 400, { __type: 'com.amazonaws.dynamodb.v20120810#LimitExceededException',
          message: 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table' })
      }
      return reply(res, ...await recreate(call, data, updates[0]))
    }
    case 'UpdateTimeToLive': {
      const described = await call('DescribeTable', { TableName: data.TableName })
      if (described.status !== 200) return reply(res, described.status, described.json)
      const spec = data.TimeToLiveSpecification || {}
      const current = ttl[data.TableName]
      if (typeof spec.Enabled !== 'boolean' || !spec.AttributeName) {
        return reply(res, 400, validation('TimeToLiveSpecification needs Enabled and AttributeName'))
      }
      if (spec.Enabled && current) return reply(res, 400, validation('TimeToLive is already enabled'))
      if (!spec.Enabled && !current) return reply(res, 400, validation('TimeToLive is already disabled'))
      if (!spec.Enabled && current !== spec.AttributeName) {
        return reply(res, 400, validation('TimeToLive is enabled on attribute ' + current))
      }
      if (spec.Enabled) ttl[data.TableName] = spec.AttributeName
      else delete ttl[data.TableName]
      saveTtl()
      return reply(res, 200, { TimeToLiveSpecification: spec })
    }
    case 'DescribeTimeToLive': {
      const described = await call('DescribeTable', { TableName: data.TableName })
      if (described.status !== 200) return reply(res, described.status, described.json)
      const attribute = ttl[data.TableName]
      return reply(res, 200, { TimeToLiveDescription: attribute
        ? { TimeToLiveStatus: 'ENABLED', AttributeName: attribute } : { TimeToLiveStatus: 'DISABLED' } })
    }
    case 'DescribeTable': {
      const answer = await forward(backendPort, req, body)
      if (answer.status !== 200) return send(res, answer)
      const table = JSON.parse(answer.body.toString('utf8')).Table
      const items = await scanAll(call, table.TableName)
      table.ItemCount = items.length
      table.TableSizeBytes = items.reduce((sum, item) => sum + dynaliteDb.itemSize(item), 0)
      return reply(res, 200, { Table: table })
    }
    case 'DeleteTable': {
      const answer = await forward(backendPort, req, body)
      if (answer.status === 200 && ttl[data.TableName]) {
        delete ttl[data.TableName]
        saveTtl()
      }
      return send(res, answer)
    }
  }
}

// Adds or removes one GSI by re-creating the table: validated first on a scratch table, so a bad request leaves the
// real one untouched. Returns [status, body].
async function recreate (call, data, update) {
  const described = await call('DescribeTable', { TableName: data.TableName })
  if (described.status !== 200) return [described.status, described.json]
  const table = described.json.Table
  const gsis = (table.GlobalSecondaryIndexes || []).map((index) => ({ IndexName: index.IndexName,
    KeySchema: index.KeySchema, Projection: index.Projection, ProvisionedThroughput: throughput(table, index) }))
  if (update.Create) {
    if (gsis.some((index) => index.IndexName === update.Create.IndexName)) {
      return [400, validation('One or more parameter values were invalid: Index ' + update.Create.IndexName
        + ' already exists')]
    }
    gsis.push({ IndexName: update.Create.IndexName, KeySchema: update.Create.KeySchema,
      Projection: update.Create.Projection, ProvisionedThroughput: update.Create.ProvisionedThroughput })
  } else {
    const at = gsis.findIndex((index) => index.IndexName === update.Delete.IndexName)
    if (at < 0) {
      return [400, { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
        message: 'Requested resource not found: Index ' + update.Delete.IndexName + ' does not exist' }]
    }
    gsis.splice(at, 1)
  }
  const definition = createRequest(table, gsis, data.AttributeDefinitions || [])
  const scratchName = table.TableName + '.larder-scratch'
  const scratch = await call('CreateTable', { ...definition, TableName: scratchName })
  if (scratch.status !== 200) return [scratch.status, scratch.json]
  await settle(call, scratchName, 'ACTIVE')
  await check(call('DeleteTable', { TableName: scratchName }))
  await settle(call, scratchName, null)

  const items = await scanAll(call, table.TableName)
  const tags = (await call('ListTagsOfResource', { ResourceArn: table.TableArn })).json.Tags || []
  await check(call('DeleteTable', { TableName: table.TableName }))
  await settle(call, table.TableName, null)
  await check(call('CreateTable', definition))
  await settle(call, table.TableName, 'ACTIVE')
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: item } }))
    await check(call('BatchWriteItem', { RequestItems: { [table.TableName]: batch } }))
  }
  if (tags.length) await check(call('TagResource', { ResourceArn: table.TableArn, Tags: tags }))
  const after = await call('DescribeTable', { TableName: table.TableName })
  return [200, { TableDescription: after.json.Table }]
}

// dynalite finishes creating and deleting on a timer even with 0 ms: wait for the table's state (null = gone).
async function settle (call, tableName, status) {
  for (let i = 0; i < 500; i++) {
    const described = await call('DescribeTable', { TableName: tableName })
    const current = described.status === 200 ? described.json.Table.TableStatus : null
    if (current === status) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('table ' + tableName + ' did not become ' + (status || 'deleted'))
}

function createRequest (table, gsis, extraDefinitions) {
  const provisioned = billingMode(table) === 'PROVISIONED'
  const lsis = (table.LocalSecondaryIndexes || []).map((index) => ({ IndexName: index.IndexName,
    KeySchema: index.KeySchema, Projection: index.Projection }))
  const used = new Set([table.KeySchema, ...lsis.map((i) => i.KeySchema), ...gsis.map((i) => i.KeySchema)]
    .flat().map((key) => key.AttributeName))
  const definitions = new Map()
  for (const definition of [...table.AttributeDefinitions, ...extraDefinitions]) {
    if (used.has(definition.AttributeName)) definitions.set(definition.AttributeName, definition)
  }
  const request = { TableName: table.TableName, KeySchema: table.KeySchema,
    AttributeDefinitions: [...definitions.values()] }
  if (provisioned) {
    request.ProvisionedThroughput = { ReadCapacityUnits: table.ProvisionedThroughput.ReadCapacityUnits,
      WriteCapacityUnits: table.ProvisionedThroughput.WriteCapacityUnits }
  } else {
    request.BillingMode = 'PAY_PER_REQUEST'
  }
  if (lsis.length) request.LocalSecondaryIndexes = lsis
  if (gsis.length) {
    request.GlobalSecondaryIndexes = gsis.map((index) => {
      const copy = { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection }
      if (provisioned) copy.ProvisionedThroughput = index.ProvisionedThroughput
      return copy
    })
  }
  return request
}

function throughput (table, index) {
  const current = index.ProvisionedThroughput || {}
  return billingMode(table) === 'PROVISIONED'
    ? { ReadCapacityUnits: current.ReadCapacityUnits, WriteCapacityUnits: current.WriteCapacityUnits } : undefined
}

function billingMode (table) {
  return (table.BillingModeSummary || {}).BillingMode || 'PROVISIONED'
}

async function scanAll (call, tableName) {
  const items = []
  let start
  do {
    const page = await check(call('Scan', { TableName: tableName, ExclusiveStartKey: start }))
    items.push(...page.json.Items)
    start = page.json.LastEvaluatedKey
  } while (start)
  return items
}

async function check (pending) {
  const answer = await pending
  if (answer.status !== 200) throw new Error(JSON.stringify(answer.json))
  return answer
}

function forward (port, req, body) {
  return exchange(port, req.method, req.url, req.headers, body)
}

async function pass (port, req, body, res) {
  send(res, await forward(port, req, body))
}

function send (res, answer) {
  const headers = { ...answer.headers }
  delete headers['transfer-encoding']
  delete headers.connection
  res.writeHead(answer.status, headers)
  res.end(answer.body)
}

function reply (res, status, json) {
  const body = JSON.stringify(json)
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body),
    'x-amz-crc32': String(zlib.crc32(body)), 'x-amzn-requestid': 'larder-proxy-' + Date.now() })
  res.end(body)
}

function validation (message) {
  return { __type: 'com.amazon.coral.validate#ValidationException', message }
}

function saveTtl () {
  if (ttlFile) fs.writeFileSync(ttlFile, JSON.stringify(ttl))
}

function parseArgs (argv) {
  const parsed = {}
  for (let i = 0; i + 1 < argv.length; i += 2) {
    if (!argv[i].startsWith('--')) throw new Error('expected --name value pairs, got ' + argv[i])
    parsed[argv[i].slice(2)] = argv[i + 1]
  }
  return parsed
}
