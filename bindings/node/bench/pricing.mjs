// The pricing benchmark shared by the node:test suite (debug build) and `npm run bench` (release
// build): the README's 100-line cart (line i: unit price ((i*37) % 9999) + 99 cents EUR, quantity
// (i % 5) + 1; 20 % tax; a 10 % percent_off and 0.50 amount_off each_line) priced through
// `Pricer.price`, against the engine's own time for the same call timed in Rust by `benchPriceRust`.

export const LINES = 100
export const NOW = '2026-11-23T12:00:00Z'

export const cents = (n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`

export const benchRules = {
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

/** The benchmark's pricer, cart and context, built with the module `vitrina`. */
export function benchSetup(vitrina) {
  const products = []
  for (let i = 0; i < LINES; i++) {
    const price = cents(((i * 37) % 9999) + 99)
    const variant = { id: `v${i}`, prices: [{ currency: 'EUR', amount: price }], weight_grams: 100 }
    products.push({ id: `p${i}`, name: `Product ${i}`, variants: [variant] })
  }
  const catalog = new vitrina.Catalog({ products })
  const pricer = new vitrina.Pricer(catalog, benchRules)
  const cart = new vitrina.Cart('EUR')
  for (let i = 0; i < LINES; i++) cart.addLine(catalog, `v${i}`, (i % 5) + 1)
  const context = new vitrina.PricingContext({ currency: 'EUR', now: NOW, region: 'DE' })
  return { pricer, cart, context }
}

/**
 * Best seconds per call over `repeats` runs of `calls` calls: `node` through `Pricer.price` (the
 * engine plus the priced cart as a plain object), `rust` the engine alone; the limit is 2x + 10 µs.
 */
export function measure(vitrina, { calls = 300, repeats = 5, warmup = 20 } = {}) {
  const { pricer, cart, context } = benchSetup(vitrina)
  for (let i = 0; i < warmup; i++) pricer.price(cart, context)
  let rust = Infinity
  for (let r = 0; r < repeats; r++) rust = Math.min(rust, vitrina.benchPriceRust(pricer, cart, context, calls))
  let node = Infinity
  for (let r = 0; r < repeats; r++) {
    const start = process.hrtime.bigint()
    for (let c = 0; c < calls; c++) pricer.price(cart, context)
    node = Math.min(node, Number(process.hrtime.bigint() - start) / 1e9 / calls)
  }
  return { node, rust, limit: 2 * rust + 10e-6 }
}

const us = (seconds) => `${(seconds * 1e6).toFixed(1)} µs`

/** One line of figures: both times, the overhead, the limit and the ratio to the engine's time. */
export function report({ node, rust, limit }) {
  return (
    `100-line cart: Pricer.price ${us(node)}/call, Rust engine ${us(rust)}/call, ` +
    `binding overhead ${us(node - rust)}, ratio ${(node / rust).toFixed(2)}x (limit 2x + 10 µs = ${us(limit)})`
  )
}
