// Conformance: every vector of tests/vectors/pricing priced through `priceJson` reproduces its
// `expected` priced cart byte for byte, and every error vector throws an error with a stable code whose
// message contains `expected_error`.
//
// Byte comparison: `priceJson` returns serde_json's compact output, whose object keys follow the Rust
// structs' field order. `JSON.parse` keeps each vector file's key order, and the vector files write
// `expected` in struct field order, so `JSON.stringify(expected)` is the exact string the engine must
// print (both write non-ASCII characters raw and integers without a fraction).
// "expected follows struct order" checks that premise on its own.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'

import { VECTOR_DIR, thrown, vitrina } from '../fixtures/shop.mjs'

const files = readdirSync(VECTOR_DIR).filter((f) => f.endsWith('.json')).sort()
const load = (file) => JSON.parse(readFileSync(join(VECTOR_DIR, file), 'utf8'))

test('vectors are present', () => {
  assert.ok(files.length >= 45, `only ${files.length} vectors`)
})

describe('priceJson', () => {
  for (const file of files) {
    test(file, () => {
      const vector = load(file)
      const input = JSON.stringify(vector.input)
      if ('expected_error' in vector) {
        const e = thrown(() => vitrina.priceJson(input))
        assert.ok(e instanceof Error)
        assert.ok(e.message.includes(vector.expected_error), `${e.message} lacks ${vector.expected_error}`)
        assert.match(e.code, /^VITRINA_[A-Z_]+$/)
        return
      }
      const output = vitrina.priceJson(input)
      assert.deepEqual(JSON.parse(output), vector.expected, 'values differ')
      assert.equal(output, JSON.stringify(vector.expected), 'bytes differ')
    })
  }
})

describe('Catalog / Pricer / Cart / PricingContext', () => {
  for (const file of files) {
    test(file, () => {
      const vector = load(file)
      const data = vector.input
      const price = () => {
        const pricer = new vitrina.Pricer(new vitrina.Catalog(data.catalog), data.rules)
        const cart = vitrina.Cart.fromJSON(JSON.stringify(data.cart))
        return pricer.price(cart, new vitrina.PricingContext(data.context))
      }
      if ('expected_error' in vector) {
        const e = thrown(price)
        assert.ok(e.message.includes(vector.expected_error), `${e.message} lacks ${vector.expected_error}`)
        assert.match(e.code, /^VITRINA_[A-Z_]+$/)
        return
      }
      const priced = price()
      assert.equal(JSON.stringify(priced), JSON.stringify(vector.expected))
      assert.equal(priced.totals.grand_total, vector.expected.totals.grand_total)
    })
  }
})

test('expected follows struct order', () => {
  const vector = load('066_full_pipeline.json')
  const output = JSON.parse(vitrina.priceJson(JSON.stringify(vector.input)))
  assert.deepEqual(Object.keys(output), Object.keys(vector.expected))
  assert.deepEqual(Object.keys(output.lines[0]), Object.keys(vector.expected.lines[0]))
  assert.deepEqual(Object.keys(output.totals), Object.keys(vector.expected.totals))
})
