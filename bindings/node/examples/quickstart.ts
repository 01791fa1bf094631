// Quickstart: a small shop builds its catalog, prices a cart with a coupon, 20 % VAT and shipping, and
// prints the receipt. Run it (after `npx napi build --platform`) with
//   node --experimental-strip-types examples/quickstart.ts   (Node 22.6+), or compile it with tsc.
import { Cart, Catalog, Pricer, type PricedCart, type PricingRules, type VitrinaError } from '..'

const catalog = new Catalog({
  products: [
    {
      id: 'mug',
      name: 'Stoneware mug',
      variants: [{ id: 'mug-1', prices: [{ currency: 'EUR', amount: '12.90' }] }],
    },
    {
      id: 'tee',
      name: 'Organic tee',
      options: [{ name: 'size', values: ['M', 'L'] }],
      variants: [
        { id: 'tee-m', options: { size: 'M' }, prices: [{ currency: 'EUR', amount: '24.00' }], stock: 10 },
        { id: 'tee-l', options: { size: 'L' }, prices: [{ currency: 'EUR', amount: '24.00' }], stock: 10 },
      ],
    },
  ],
})

const rules: PricingRules = {
  promotions: [
    {
      id: 'welcome',
      name: 'Welcome 10 %',
      coupon_code: 'WELCOME10',
      action: { type: 'percent_off', percent: '10', target: {} },
    },
  ],
  tax: { rules: [{ region: 'BG', rate: '0.20', name: 'VAT' }] },
  shipping_methods: [{ id: 'post', name: 'Post', currency: 'EUR', rate: { type: 'flat', amount: '4.90' } }],
}
const pricer = new Pricer(catalog, rules)

const cart = new Cart('EUR')
cart.addLine(catalog, 'mug-1', 2)
cart.addLine(catalog, catalog.resolveVariant('tee', { size: 'L' }).id)
cart.applyCoupon('welcome10')

try {
  cart.addLine(catalog, 'tee-m', 50)
} catch (e) {
  const error = e as VitrinaError
  console.log(`refused: ${error.code} (${error.field})`) // VITRINA_INSUFFICIENT_STOCK (quantity)
}

const priced: PricedCart = pricer.price(cart, { currency: 'EUR', region: 'BG', shipping_method_id: 'post' })
for (const line of priced.lines) {
  const name = catalog.product(line.product_id)?.name ?? line.product_id
  console.log(`${line.quantity} x ${name.padEnd(16)} ${line.unit_price.padStart(8)} ${line.total.padStart(8)}`)
}
for (const promotion of priced.promotions) console.log(`${promotion.name}: -${promotion.amount}`)
console.log(`shipping ${priced.totals.shipping_total}, VAT ${priced.totals.tax_total}`)
console.log(`pay ${priced.totals.grand_total} ${priced.currency}`) // amounts are exact decimal strings
