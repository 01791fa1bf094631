// Checkout: a shopper gives contact details, then delivery; the order is placed under the price lock
// and paid through a payment gateway written in TypeScript (its methods may be sync or async).
// Run it (after `npx napi build --platform`) with
//   node --experimental-strip-types examples/checkout.ts   (Node 22.6+), or compile it with tsc.
import {
  Cart,
  Catalog,
  CheckoutSession,
  Payment,
  PaymentProcessor,
  Pricer,
  TestGateway,
  testCards,
  type FollowUpRequest,
  type GatewayObject,
  type GatewayResult,
  type Order,
  type PaymentRequest,
  type PricesChangedError,
} from '..'

const catalog = new Catalog({
  products: [{ id: 'mug', name: 'Mug', variants: [{ id: 'mug-1', prices: [{ currency: 'EUR', amount: '12.90' }] }] }],
})
const pricer = new Pricer(catalog, {
  shipping_methods: [{ id: 'post', name: 'Post', currency: 'EUR', rate: { type: 'flat', amount: '4.90' } }],
})
const context = { currency: 'EUR', region: 'BG', shipping_method_id: 'post' }

/** A gateway in TypeScript: `authorize` is async, `capture` answers at once. */
class ShopGateway implements GatewayObject {
  name = 'shop-psp'
  private next = 0
  async authorize(request: PaymentRequest): Promise<GatewayResult> {
    this.next += 1
    return { status: 'authorized', gateway_reference: `psp_${this.next}`, amount: request.amount }
  }
  capture(request: FollowUpRequest): GatewayResult {
    return { status: 'captured', gateway_reference: request.gateway_reference, amount: request.amount }
  }
}

async function main(): Promise<void> {
  const cart = new Cart('EUR')
  cart.addLine(catalog, 'mug-1', 2)

  const session = CheckoutSession.start(cart, { email: 'ana@example.com' })
  session.setDelivery({
    address: { recipient: 'Ana', line1: 'Vitosha 1', city: 'Sofia', postal_code: '1000', country: 'BG' },
    shipping_method_id: 'post',
    payment_method: 'card',
  })
  let confirmed = pricer.price(cart, context)
  let order: Order
  try {
    order = session.placeOrder(pricer, cart, context, confirmed, 'VT-2026-000001')
  } catch (e) {
    const error = e as PricesChangedError
    if (error.code !== 'VITRINA_PRICES_CHANGED') throw e
    console.log(`prices changed on ${error.changed.length} line(s): now ${error.currentTotal}`)
    confirmed = error.current // shown to the shopper, who confirms again
    order = session.placeOrder(pricer, cart, context, confirmed, 'VT-2026-000001')
  }
  console.log(`order ${order.number} (${order.state}), pay ${order.total} quoting ${order.paymentReferenceFormatted}`)

  const processor = new PaymentProcessor(new ShopGateway())
  const payment = Payment.forOrder(order)
  const authorized = await processor.authorize(payment, 'tok_from_the_psp_widget', `auth-${order.id}`)
  const captured = await processor.capture(payment, confirmed.totals.grand_total, `capture-${order.id}`)
  console.log(`payment ${authorized} -> ${captured}: ${payment.captured}`)
  order.transition('paid', { kind: 'gateway', name: 'shop-psp' })
  for (const step of order.history) console.log(`${step.at} ${step.from} -> ${step.to}`)

  // The built-in test gateway, with its magic cards.
  const test = new PaymentProcessor(new TestGateway())
  const declined = Payment.forOrder(order)
  console.log(`declined card: ${await test.purchase(declined, testCards().declined, 'buy-1')} (${declined.lastError})`)
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
