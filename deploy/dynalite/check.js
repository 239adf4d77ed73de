#!/usr/bin/env node
// Self-check of server.js, run by the Maven build: starts it on a free port and checks each behaviour the proxy
// emulates on top of dynalite (tags on CreateTable, GSI add/remove, TTL, live item count). Exits non-zero on a miss.
'use strict'

const { spawn } = require('child_process')
const { invoke } = require('./client')
const assert = require('assert/strict')
const path = require('path')

const server = spawn(process.execPath, [path.join(__dirname, 'server.js'), '--port', '0',
  '--parent-pid', String(process.pid)], { stdio: ['ignore', 'pipe', 'inherit'] })
const timeout = setTimeout(() => fail(new Error('server.js did not start in 20 s')), 20000)

server.stdout.on('data', (chunk) => {
  const ready = /LARDER_DYNALITE_READY http:\/\/127\.0\.0\.1:(\d+)/.exec(chunk.toString())
  if (ready) {
    clearTimeout(timeout)
    checks(Number(ready[1])).then(() => {
      console.log('dynalite proxy self-check: ok')
      server.kill()
    }, fail)
  }
})

function fail (err) {
  console.error('dynalite proxy self-check FAILED:', err)
  server.kill()
  process.exitCode = 1
}

async function checks (port) {
  const call = (op, data) => invoke(port, op, data)
  const table = 'check.tbl'
  const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/' + table
  assert.equal((await call('CreateTable', { TableName: table, BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    Tags: [{ Key: 'owner', Value: 'team-a' }] })).status, 200)
  assert.deepEqual((await call('ListTagsOfResource', { ResourceArn: arn })).json.Tags,
    [{ Key: 'owner', Value: 'team-a' }], 'tags given on CreateTable are applied')

  assert.equal((await call('PutItem', { TableName: table, Item: { pk: { S: 'a' }, email: { S: 'a@x' } } })).status,
    200)
  assert.equal((await call('DescribeTable', { TableName: table })).json.Table.ItemCount, 1, 'live item count')

  const added = await call('UpdateTable', { TableName: table,
    AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
    GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byEmail', Projection: { ProjectionType: 'ALL' },
      KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }] } }] })
  assert.equal(added.status, 200, JSON.stringify(added.json))
  assert.equal(added.json.TableDescription.GlobalSecondaryIndexes[0].IndexName, 'byEmail', 'GSI added')
  const found = await call('Query', { TableName: table, IndexName: 'byEmail', KeyConditionExpression: 'email = :e',
    ExpressionAttributeValues: { ':e': { S: 'a@x' } } })
  assert.equal(found.json.Count, 1, 'existing items are in the new index')
  assert.equal((await call('ListTagsOfResource', { ResourceArn: arn })).json.Tags.length, 1, 'tags kept')

  const bad = await call('UpdateTable', { TableName: table, GlobalSecondaryIndexUpdates: [{ Create: {
    IndexName: 'bad', KeySchema: [{ AttributeName: 'nope', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }] })
  assert.equal(bad.status, 400, 'an index on an undefined attribute is refused')
  assert.equal((await call('Scan', { TableName: table })).json.Count, 1, 'a refused update leaves the table')

  assert.equal((await call('UpdateTimeToLive', { TableName: table,
    TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } })).status, 200)
  assert.deepEqual((await call('DescribeTimeToLive', { TableName: table })).json.TimeToLiveDescription,
    { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' })

  const removed = await call('UpdateTable', { TableName: table,
    GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byEmail' } }] })
  assert.equal(removed.status, 200)
  assert.equal(removed.json.TableDescription.GlobalSecondaryIndexes, undefined, 'GSI removed')
  assert.equal((await call('DescribeTimeToLive', { TableName: table })).json.TimeToLiveDescription.TimeToLiveStatus,
    'ENABLED', 'TTL kept across the re-creation')
  assert.deepEqual((await call('ListTables', {})).json.TableNames, [table], 'no scratch table left')
}
