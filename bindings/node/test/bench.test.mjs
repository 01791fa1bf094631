// Benchmark (debug build, see bench/pricing.mjs): `Pricer.price` on the 100-line cart must stay under
// twice the engine's own time for the same call plus 10 µs. `npm run bench` gives the release figures.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { benchSetup, cents, LINES, measure, report } from '../bench/pricing.mjs'
import { vitrina } from '../fixtures/shop.mjs'

test('bench: Pricer.price on a 100-line cart', () => {
  assert.equal(cents(((3 * 37) % 9999) + 99), '2.10')
  const { pricer, cart, context } = benchSetup(vitrina)
  const priced = pricer.price(cart, context)
  assert.equal(priced.lines.length, LINES)
  assert.deepEqual(priced.promotions.map((p) => p.promotion_id), ['ten-percent', 'fifty-cents'])
  assert.deepEqual(JSON.parse(JSON.stringify(priced)), JSON.parse(vitrina.priceJson(JSON.stringify({
    catalog: pricer.catalog.toJSON(), rules: pricer.rules, context: context.toJSON(), cart: cart.toJSON(),
  }))))

  const figures = measure(vitrina)
  console.log(`[bench] ${report(figures)}`)
  assert.ok(figures.node < figures.limit, `Pricer.price ${figures.node * 1e6} µs/call is above the limit ${figures.limit * 1e6} µs`)
})
