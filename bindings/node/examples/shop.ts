// The whole shop from TypeScript through the generated `vitrina/shop`: settings and catalog, a cart
// with a coupon, the two-step checkout, a card payment through a gateway written here, typed failures.
// Run it (after `bash test.sh` has generated shop.js and built the module) with
//   node --experimental-strip-types examples/shop.ts   (Node 22.6+), or compile it with tsc.
import type { GatewayObject, GatewayResult, PaymentRequest } from '..'
import {
  CartError,
  Shop,
  VitrinaError,
  parseMoney,
  type CatalogDataInit,
  type DeliveryDetailsInit,
  type Order,
  type PricedCart,
  type SettingsInit,
} from '../shop'

/** A card gateway: every token but `tok_declined` is charged at once. */
const gateway: GatewayObject = {
  name: 'demo-pay',
  purchase(request: PaymentRequest): GatewayResult {
    const declined = request.token === 'tok_declined'
    return {
      status: declined ? 'failed' : 'captured',
      gateway_reference: `demo_${request.idempotency_key}`,
      amount: request.amount,
      error: declined ? 'card_declined' : null,
    }
  },
}

const settings: SettingsInit = {
  profile: {
    shop_id: 'tea-house',
    info: { name: 'Tea House', url: 'https://tea.example.com', support_email: 'help@tea.example.com' },
    sender: 'Tea House <orders@tea.example.com>',
    transfer_window: 'PT72H',
  },
  pricing: {
    promotions: [{ id: 'welcome10', coupon_code: 'WELCOME10', action: { type: 'percent_off', percent: '10', target: {} } }],
    tax: { prices_include_tax: true, rules: [{ region: 'BG', rate: '0.20', name: 'VAT' }] },
    shipping_methods: [{ id: 'post', name: 'Post', currency: 'EUR', rate: { type: 'flat', amount: '4.90' } }],
  },
  default_region: 'BG',
}

const catalog: CatalogDataInit = {
  products: [{ id: 'tea', name: 'Green tea', variants: [{ id: 'tea-100g', prices: [{ currency: 'EUR', amount: '4.50' }], stock: 20 }] }],
}

async function main(): Promise<void> {
  const shop = await Shop.open('sqlite::memory:', { gateways: { card: gateway }, clockAt: '2026-04-14T07:00:00Z' })
  const version: number = await shop.admin.configure(settings)
  await shop.catalog.import(catalog)
  console.log(`settings v${version}, the shop's time is ${shop.now()}`)

  const cart = await shop.carts.create('EUR')
  await shop.carts.addLine(cart.id, 'tea-100g', 3)
  await shop.carts.applyCoupon(cart.id, 'WELCOME10')
  try {
    await shop.carts.addLine(cart.id, 'tea-100g', 0)
  } catch (error) {
    if (!(error instanceof CartError) || error.code !== 'zero_quantity') throw error
    console.log(`refused: ${error.code} (${error.field})`)
  }

  const session = await shop.checkout.start(cart.id, 'ana@example.com')
  const delivery: DeliveryDetailsInit = {
    address: { recipient: 'Ana Petrova', line1: 'ul. Vitosha 1', city: 'Sofia', postal_code: '1000', country: 'BG' },
    shipping_method_id: 'post',
    payment_method: 'card',
  }
  await shop.checkout.setDelivery(session.id, delivery)
  const quote: PricedCart = await shop.checkout.quote(session.id)
  const order: Order = await shop.checkout.placeOrder(session.id, quote)
  console.log(`order ${order.number}: ${order.total} (subtotal ${quote.totals.subtotal}, VAT included)`)

  for (const [attempt, token] of ['tok_declined', 'tok_visa'].entries()) {
    const payment = await shop.payments.pay(order.id, token, `${order.number}:card:${attempt}`)
    console.log(`  card ${token}: ${payment.state}${payment.last_error ? ` (${payment.last_error})` : ''}`)
  }
  const { amount, currency } = parseMoney((await shop.orders.get(order.id)).paid)
  console.log(`paid ${amount} ${currency}`)
}

main().catch((error: unknown) => {
  const code = error instanceof VitrinaError ? ` [${error.domain}/${error.code}]` : ''
  console.error(`failed${code}:`, error)
  process.exitCode = 1
})
