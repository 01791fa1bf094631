// Fulfilment: an order placed into a store opened by URL (SQLite here; `postgres://…` works the same),
// shipped through a courier written in TypeScript and announced by a mailer written in TypeScript
// through the durable outbox. Run it (after `npx napi build --platform`) with
//   node --experimental-strip-types examples/fulfilment.ts   (Node 22.6+), or compile it with tsc.
import {
  Cart,
  Catalog,
  CheckoutSession,
  Outbox,
  Payment,
  Pricer,
  Shipment,
  ShippingService,
  Store,
  orderTimelineOf,
  syncOrderWithShipments,
  type CourierObject,
  type CreatedShipment,
  type EmailMessageData,
  type MailerObject,
  type RateQuote,
  type RateRequest,
  type ShipmentRequest,
  type TrackingReport,
  type VitrinaError,
} from '..'

/** A courier in TypeScript: every method may be async; a throw becomes VITRINA_COURIER_UNAVAILABLE. */
class Parcelo implements CourierObject {
  name = 'parcelo'
  private issued = 0
  async rates(request: RateRequest): Promise<RateQuote> {
    const estimated_delivery = { start: request.ready_at, end: '2026-11-26T18:00:00Z' }
    return { options: [{ service: 'standard', name: 'Standard', price: '4.90 EUR', estimated_delivery }], warnings: [] }
  }
  async createShipment(request: ShipmentRequest): Promise<CreatedShipment> {
    this.issued += 1
    const label = { content_type: 'text/plain', bytes: Buffer.from(`to ${request.to.recipient}`) }
    return { tracking_number: `PX${this.issued}`, label, warnings: [] }
  }
  cancelShipment(): void {}
  async track(numbers: string[]): Promise<TrackingReport> {
    const events = [{ at: '2026-11-24T09:00:00Z', status: 'in_transit' as const, raw_code: 'TR', description: 'Sorted' }]
    return { shipments: numbers.map((tracking_number) => ({ tracking_number, events })), warnings: [] }
  }
}

/** A mailer in TypeScript; a thrown error with `permanent: true` is final, any other is retried. */
const consoleMailer: MailerObject = {
  name: 'console',
  async send(message: EmailMessageData) {
    console.log(`mail to ${message.to.join(', ')}: ${message.subject}`)
    return { detail: 'printed' }
  },
}

async function main(): Promise<void> {
  const store = await Store.open('sqlite::memory:')
  const catalog = new Catalog({
    products: [{ id: 'mug', name: 'Mug', variants: [{ id: 'mug-1', prices: [{ currency: 'EUR', amount: '12.90' }] }] }],
  })
  await store.publishCatalog(catalog, 0)
  await store.setStock('mug-1', 10)
  const pricer = new Pricer(catalog, {
    shipping_methods: [{ id: 'post', name: 'Post', currency: 'EUR', rate: { type: 'flat', amount: '4.90' } }],
  })
  const context = { currency: 'EUR', region: 'BG', shipping_method_id: 'post' }

  const cart = new Cart('EUR', 'cust-1')
  cart.addLine(catalog, 'mug-1', 2)
  await store.saveCart(cart, 0)
  const session = CheckoutSession.start(cart, { email: 'ana@example.com' })
  const address = { recipient: 'Ana', line1: 'Vitosha 1', city: 'Sofia', postal_code: '1000', country: 'BG' }
  session.setDelivery({ address, shipping_method_id: 'post', payment_method: 'card' })
  const number = `VT-2026-${String(await store.nextOrderSequence(2026)).padStart(6, '0')}`
  const order = session.placeOrder(pricer, cart, context, pricer.price(cart, context), number)
  await store.placeOrder(order, new Date(Date.now() + 48 * 3600e3).toISOString(), Payment.forOrder(order))
  console.log(`stock of mug-1: ${JSON.stringify(await store.stockLevel('mug-1'))}`)

  const stored = await store.findOrderByNumber(number)
  if (!stored) throw new Error('the order was not stored')
  const placed = stored.value
  placed.transition('paid', { kind: 'gateway', name: 'psp' })
  placed.transition('processing', { kind: 'staff', id: 'kim' })
  try {
    await store.saveOrder(placed, stored.version - 1)
  } catch (e) {
    console.log(`stale write refused: ${(e as VitrinaError).code}`) // VITRINA_CONFLICT
  }
  let version = await store.saveOrder(placed, stored.version)

  const shipping = new ShippingService(new Parcelo())
  const line = placed.priced.lines[0].line_id
  const shipment = Shipment.plan(placed, [], { courier: 'parcelo', lines: [{ line_id: line, quantity: 2 }] })
  const from = { recipient: 'Shop', line1: 'Depot 3', city: 'Sofia', postal_code: '1700', country: 'BG' }
  await shipping.createLabel(placed, shipment, { parcel: { weight_grams: 800 }, from, service: 'standard' })
  await shipping.refreshTracking([shipment])
  console.log(`order follows its shipment: ${syncOrderWithShipments(placed, [shipment]).join(' -> ')}`)
  version = await store.saveOrder(placed, version)
  await store.saveShipment(shipment, 0)
  for (const entry of orderTimelineOf(placed, [shipment])) console.log(`${entry.at} ${entry.milestone}`)

  const outbox = new Outbox(store)
  await outbox.enqueue({
    message_id: `<shipped-${placed.id}@shop.example>`,
    from: 'Shop <shop@example.com>',
    to: [placed.contact.email],
    subject: `Order ${placed.number} is on its way (${shipment.trackingNumber})`,
    text: 'Track it on our site.',
  })
  console.log(`delivery run: ${JSON.stringify(await outbox.deliverDue(consoleMailer))} (order version ${version})`)
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
