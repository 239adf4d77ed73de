'use strict'
// One DynamoDB JSON call over HTTP, for the proxy's own calls to dynalite and for check.js. dynalite checks that a
// SigV4 Authorization header is present, not that it is right, so a fixed one does.
const http = require('http')

const API = 'DynamoDB_20120810'

function invoke (port, operation, data) {
  const body = Buffer.from(JSON.stringify(data))
  const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': API + '.' + operation,
    'x-amz-date': '20200101T000000Z',
    authorization: 'AWS4-HMAC-SHA256 Credential=larder/20200101/us-east-1/dynamodb/aws4_request, '
      + 'SignedHeaders=host, Signature=0' }
  return exchange(port, 'POST', '/', headers, body).then((answer) => {
    answer.json = answer.body.length ? JSON.parse(answer.body.toString('utf8')) : {}
    return answer
  })
}

function exchange (port, method, url, headers, body) {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: '127.0.0.1', port, method, path: url,
      headers: { ...headers, 'content-length': body.length } }, (incoming) => {
      const chunks = []
      incoming.on('data', (chunk) => chunks.push(chunk))
      incoming.on('end', () => resolve({ status: incoming.statusCode, headers: incoming.headers,
        body: Buffer.concat(chunks) }))
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

module.exports = { API, invoke, exchange }
