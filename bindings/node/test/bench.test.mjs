// Benchmark: the README's 100-line cart (line i: unit price ((i*37) % 9999) + 99 cents EUR, quantity
// (i % 5) + 1; 20 % tax; a 10 % percent_off and 0.50 amount_off each_line) priced through
// `Pricer.price`. The binding's cost per call (the engine plus turning the priced cart into a plain
// object) must stay under twice the engine's own time for the same call, timed in Rust by
// `benchPriceRust`, plus 10 µs. Both figures are printed.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { NOW, vitrina } from '../fixtures/shop.mjs'

const LINES = 100
const CALLS = 300
const REPEATS = 5

const cents = (n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`

function benchCatalog() {
  const products = []
  for (let i = 0; i < LINES; i++) {
    const price = cents(((i * 37) % 9999) + 99)
    const variant = { id: `v${i}`, prices: [{ currency: 'EUR', amount: price }], weight_grams: 100 }
    products.push({ id: `p${i}`, name: `Product ${i}`, variants: [variant] })
  }
  return new vitrina.Catalog({ products })
}

const benchRules = {
  promotions: [
    { id: 'ten-percent', name: 'ten-percent', priority: 1, currency: 'EUR', action: { type: 'percent_off', percent: '10', target: {} } },
    {
      id: 'fifty-cents',
      name: 'fifty-cents',
      priority: 2,
      currency: 'EUR',
      action: { type: 'amount_off', amount: '0.50', target: {}, allocation: 'each_line' },
    },
  ],
  tax: { rules: [{ region: 'DE', tax_category: null, rate: '0.20', name: 'VAT' }] },
}

function bestNodeSecondsPerCall(pricer, cart, context) {
  let best = Infinity
  for (let r = 0; r < REPEATS; r++) {
    const start = process.hrtime.bigint()
    for (let c = 0; c < CALLS; c++) pricer.price(cart, context)
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9 / CALLS)
  }
  return best
}

test('bench: Pricer.price on a 100-line cart', () => {
  assert.equal(cents(((3 * 37) % 9999) + 99), '2.10')
  const catalog = benchCatalog()
  const pricer = new vitrina.Pricer(catalog, benchRules)
  const cart = new vitrina.Cart('EUR')
  for (let i = 0; i < LINES; i++) cart.addLine(catalog, `v${i}`, (i % 5) + 1)
  const context = new vitrina.PricingContext({ currency: 'EUR', now: NOW, region: 'DE' })

  const priced = pricer.price(cart, context)
  assert.equal(priced.lines.length, LINES)
  assert.deepEqual(priced.promotions.map((p) => p.promotion_id), ['ten-percent', 'fifty-cents'])

  for (let i = 0; i < 20; i++) pricer.price(cart, context) // warm-up
  let rust = Infinity
  for (let r = 0; r < REPEATS; r++) rust = Math.min(rust, vitrina.benchPriceRust(pricer, cart, context, CALLS))
  const node = bestNodeSecondsPerCall(pricer, cart, context)
  const limit = 2 * rust + 10e-6
  console.log(
    `[bench] 100-line cart: Pricer.price ${(node * 1e6).toFixed(1)} µs/call, ` +
      `Rust engine ${(rust * 1e6).toFixed(1)} µs/call, binding overhead ${((node - rust) * 1e6).toFixed(1)} µs ` +
      `(limit ${(limit * 1e6).toFixed(1)} µs)`,
  )
  assert.ok(node < limit, `Pricer.price ${node * 1e6} µs/call is above the limit ${limit * 1e6} µs`)
})
