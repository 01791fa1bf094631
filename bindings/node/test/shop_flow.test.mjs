// A day of a tea shop on SQLite through the generated Shop alone, with a gateway, a courier and a
// mailer written in JavaScript: settings and catalog, a customer with consent, a wish list, a cart
// with a coupon, the two-step checkout, a card declined then paid, shipping and delivery, a return
// refunded, a review replied to, store credit, a gift card, a bank transfer matched from a statement,
// a support case with a reply and a survey, an FAQ article found through the search index, the due
// work and the day's sales figures.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import { AGENT, DAY, DECLINED, STAFF, sofia, teaShop } from '../fixtures/shop_plugins.mjs'

const require = createRequire(import.meta.url)
const { TestGateway, testCards } = require('../index.js')

const directory = mkdtempSync(join(tmpdir(), 'vitrina-shop-'))
after(() => rmSync(directory, { recursive: true, force: true }))

let shop
let gateway
let courier
let mailer
let ana
const placed = []
before(async () => {
  ;({ shop, gateway, courier, mailer } = await teaShop({ url: `sqlite:${join(directory, 'shop.db')}` }))
  ana = await shop.customers.register({ email: 'Ana@Example.com', name: 'Ana Petrova', locale: 'bg' })
})

/** Cart, both checkout steps, the quote confirmed and the order placed, paid by `method`. */
async function placeOrder(customer, lines, method, coupon = null) {
  const cart = await shop.carts.create('EUR', customer.id)
  for (const [variant, quantity] of lines) await shop.carts.addLine(cart.id, variant, quantity)
  if (coupon !== null) await shop.carts.applyCoupon(cart.id, coupon)
  const session = await shop.checkout.start(cart.id, customer.email)
  await shop.checkout.setDelivery(session.id, { address: sofia(customer.name), shipping_method_id: 'post', payment_method: method })
  const quote = await shop.checkout.quote(session.id)
  const order = await shop.checkout.placeOrder(session.id, quote)
  placed.push(order)
  return { order, quote, session }
}

/** Ships `order` with the JavaScript courier and has it delivered an hour later. */
async function shipAndDeliver(order) {
  const shipment = await shop.shipping.ship(order.id, STAFF)
  shop.advance('PT1H')
  courier.deliver(shipment.tracking_number, shop.now())
  await shop.shipping.refreshShipment(shipment.id)
  return shop.shipping.get(shipment.id)
}

test('the settings and catalog are stored and read back', async () => {
  const settings = await shop.settings()
  assert.equal(settings.profile.shop_id, 'tea-house')
  assert.equal(settings.abandoned_after, 'PT2H', 'a field left out takes its default')
  assert.deepEqual((await shop.admin.settings()).courier_for_method, { post: 'parcelo' })
  const catalog = await shop.catalog.current()
  assert.deepEqual(catalog.value.products.map((p) => p.id), ['tea', 'honey', 'teapot'])
  assert.equal((await shop.catalog.stock('tea-100g')).on_hand, 50)
})

test('a customer gives consent and keeps a wish list', async () => {
  assert.equal(ana.email, 'Ana@example.com')
  const consenting = await shop.customers.grantConsent(ana.id, 'email', 'account')
  assert.equal(JSON.stringify(consenting.consent).includes('email'), true)
  const list = await shop.customers.createWishList(ana.id, 'Later')
  await shop.customers.addToWishList(list.id, 'teapot-1l', 'for winter')
  const read = await shop.customers.wishList(list.id)
  assert.deepEqual(read.items.map((i) => [i.variant_id, i.note]), [['teapot-1l', 'for winter']])
  assert.deepEqual((await shop.customers.wishLists(ana.id)).map((l) => l.name), ['Later'])
  assert.equal((await shop.customers.byEmail(ana.email)).id, ana.id)
})

test('a cart with a coupon goes through checkout; a declined card fails, the next one pays', async () => {
  const { order, quote, session } = await placeOrder(ana, [['tea-100g', 2], ['honey-jar', 1]], 'card', 'welcome10')
  assert.deepEqual(quote.promotions.map((p) => [p.promotion_id, p.amount]), [['welcome10', '1.80']])
  assert.deepEqual([quote.totals.subtotal, order.total], ['18.00', '21.10 EUR'])
  assert.equal(order.state, 'pending_payment')
  assert.equal(order.total, `${quote.totals.grand_total} EUR`)
  assert.equal((await shop.checkout.get(session.id)).order_id, order.id)
  assert.equal((await shop.orders.byNumber(order.number)).id, order.id)

  const declined = await shop.payments.pay(order.id, DECLINED, `${order.number}:card:1`)
  assert.deepEqual([declined.state, declined.last_error], ['failed', 'card_declined'])
  const paid = await shop.payments.pay(order.id, 'tok_visa', `${order.number}:card:2`)
  assert.deepEqual([paid.state, paid.captured], ['captured', order.total])
  assert.deepEqual(gateway.calls.map(([method, token]) => [method, token]), [['purchase', DECLINED], ['purchase', 'tok_visa']])
  assert.equal((await shop.orders.get(order.id)).state, 'paid')
  assert.deepEqual((await shop.payments.ofOrder(order.id)).map((p) => p.state), ['failed', 'captured'])
})

test('an order ships with the JavaScript courier, is delivered, and a return is refunded to the card', async () => {
  const { order } = await placeOrder(ana, [['tea-100g', 1], ['teapot-1l', 1]], 'card')
  const payment = await shop.payments.pay(order.id, 'tok_visa', `${order.number}:card`)
  const shipment = await shipAndDeliver(order)
  assert.equal(shipment.courier, 'parcelo')
  assert.match(shipment.tracking_number, /^PX\d+$/)
  assert.equal(shipment.state, 'delivered')
  assert.equal((await shop.orders.get(order.id)).state, 'delivered')
  assert.ok((await shop.orders.timeline(order.id)).length >= 4)

  const teapot = order.cart.lines.find((line) => line.variant_id === 'teapot-1l')
  const shopper = { kind: 'shopper', customer_id: ana.id }
  const asked = { line_id: teapot.id, quantity: 1, reason: 'changed_mind', condition: 'unused' }
  const rma = await shop.returns.request(order.id, [asked], shopper, 'too big')
  assert.equal(rma.state, 'requested')
  await shop.returns.approve(rma.id, STAFF)
  await shop.returns.awaitParcel(rma.id, 'RET-1', shopper)
  await shop.returns.receive(rma.id, null, STAFF)
  await shop.returns.inspect(rma.id, { lines: [{ line_id: teapot.id, condition: 'unused' }] }, STAFF)
  const refunded = await shop.returns.refund(rma.id, STAFF, `${rma.id}:refund`)
  assert.equal(refunded.state, 'refunded')
  const closed = await shop.returns.close(rma.id, null, STAFF)
  assert.equal(closed.state, 'closed')
  assert.deepEqual(gateway.calls.at(-1), ['refund', payment.gateway_reference, '30.00 EUR'])
  assert.equal((await shop.payments.get(payment.id)).refunded, '30.00 EUR')
  assert.deepEqual((await shop.returns.ofOrder(order.id)).map((r) => r.id), [rma.id])
})

test('a review is moderated and replied to', async () => {
  const review = await shop.reviews.submit({ product_id: 'tea', customer_id: ana.id, rating: 5, text: 'Fresh and fragrant.' })
  assert.equal(review.state, 'pending')
  assert.deepEqual((await shop.reviews.pending('tea')).map((r) => r.id), [review.id])
  await shop.reviews.approve(review.id, 'mila')
  const replied = await shop.reviews.reply(review.id, 'mila', 'Thank you, Ana!')
  assert.equal(replied.reply.body, 'Thank you, Ana!')
  const published = await shop.reviews.ofProduct('tea')
  assert.deepEqual(published.reviews.map((r) => r.id), [review.id])
})

test('store credit and a gift card pay orders', async () => {
  const deposit = await shop.wallets.deposit(ana.id, '50.00 EUR', 'goodwill', 'credit:ana:1', STAFF)
  assert.equal(deposit.balance_after, '50.00 EUR')
  const { order } = await placeOrder(ana, [['honey-jar', 2]], 'wallet')
  const byWallet = await shop.wallets.payWithWallet(order.id, `${order.number}:wallet`)
  assert.deepEqual([byWallet.state, byWallet.captured], ['captured', order.total])
  assert.equal(order.total, '22.90 EUR')
  assert.equal(await shop.wallets.balance(ana.id, 'EUR'), '27.10 EUR')

  const card = await shop.wallets.issueGiftCard('20.00 EUR', null, 'gift:1', { kind: 'system' })
  assert.equal(card.value, '20.00 EUR')
  const gift = await placeOrder(ana, [['tea-100g', 1]], 'gift_card')
  const byCard = await shop.wallets.payWithGiftCard(gift.order.id, card.code, `${gift.order.number}:gift`)
  assert.deepEqual([byCard.state, byCard.captured], ['captured', gift.order.total])
  assert.equal((await shop.orders.get(gift.order.id)).state, 'paid')
  assert.equal((await shop.wallets.giftCard(card.code)).code, card.code)
})

test('a bank transfer is matched from the statement', async () => {
  const boris = await shop.customers.register({ email: 'boris@example.bg', name: 'Boris Ivanov', locale: 'en' })
  const { order } = await placeOrder(boris, [['teapot-1l', 1]], 'bank_transfer')
  assert.equal(order.state, 'awaiting_transfer')
  const transfer = await shop.payments.bankTransfer(order.id)
  assert.equal(transfer.amount, order.total)
  const line = {
    bank_transaction_id: 'BANK-2026-04-14-1',
    received_on: DAY,
    bank: 'Demo Bank',
    amount: order.total,
    payer_name: 'BORIS IVANOV',
    reference_as_written: transfer.reference.toLowerCase(),
  }
  const [recorded] = await shop.payments.recordStatement([line])
  assert.equal(recorded.already_recorded, false)
  assert.equal((await shop.orders.get(order.id)).state, 'paid')
  assert.deepEqual(await shop.payments.unmatchedStatementLines(), [])
})

test('a support case is answered, solved and rated', async () => {
  const opened = await shop.support.openCase({
    customer_id: ana.id,
    opened_by: { kind: 'customer', id: ana.id },
    channel: 'chat',
    subject: 'Where is my tea?',
    description: 'It has not come yet.',
    priority: 'normal',
    category: 'delivery_problem',
    order_line_ids: [],
  })
  await shop.support.reply(opened.id, AGENT, 'It is on its way.')
  const canned = await shop.support.replyWithCanned(opened.id, 'mila', 'on-its-way', 'en', { name: 'Ana' })
  assert.deepEqual(canned.messages.slice(-2).map((m) => m.body), ['It is on its way.', 'Hello Ana, it is on its way.'])
  const solved = await shop.support.solve(opened.id, AGENT)
  assert.equal(solved.case.state, 'solved')
  const answer = await shop.support.answerSurvey(solved.survey.id, 5, 'Quick and kind')
  assert.equal(answer.response.score, 5)
  assert.deepEqual((await shop.support.casesOfCustomer(ana.id)).map((c) => c.id), [opened.id])
})

test('the built-in test gateway is a plug-in too: its magic cards decline and pay', async () => {
  const { shop: other } = await teaShop({ gateway: new TestGateway() })
  const cart = await other.carts.create('EUR')
  await other.carts.addLine(cart.id, 'tea-100g', 1)
  const session = await other.checkout.start(cart.id, 'chen@example.com')
  await other.checkout.setDelivery(session.id, { address: sofia('Chen Wei'), shipping_method_id: 'post', payment_method: 'card' })
  const order = await other.checkout.placeOrder(session.id, await other.checkout.quote(session.id))
  const declined = await other.payments.pay(order.id, testCards().declined, 'test:1')
  assert.deepEqual([declined.state, declined.last_error], ['failed', 'card_declined'])
  const paid = await other.payments.pay(order.id, testCards().success, 'test:2')
  assert.deepEqual([paid.state, paid.captured], ['captured', '9.40 EUR'])
})

test('an FAQ article is published and found through the search index', async () => {
  const article = { id: 'shipping-times', locale: 'en', category_id: 'delivery', title: 'How long does shipping take?' }
  await shop.knowledge.publishArticle({ ...article, body: 'Parcels arrive within two working days.', published: true })
  const found = await shop.knowledge.search({ text: 'parcels arrive', locale: 'en' })
  assert.deepEqual(found.hits.map((hit) => [hit.id, hit.kind, hit.title]), [['shipping-times', 'article', article.title]])
  assert.deepEqual((await shop.knowledge.articles('en')).map((a) => a.id), ['shipping-times'])
})

test('the due work sends the e-mails through the JavaScript mailer; the day has its sales figures', async () => {
  shop.advance('PT3H')
  const due = await shop.runDue(shop.now())
  assert.ok(due.emails_sent > 0, `e-mails sent: ${due.emails_sent}`)
  assert.equal(due.emails_sent, mailer.sent.length)
  const subjects = mailer.sent.map((m) => m.subject)
  for (const { number } of placed) {
    assert.ok(subjects.filter((s) => s.includes(number)).length >= 2, `placed and paid ${number}: ${subjects}`)
  }
  const [first, last] = [placed[0], placed.at(-1)]
  assert.ok(subjects.includes(`Поръчка ${first.number} е приета – Tea House`), 'Ana reads Bulgarian')
  assert.ok(subjects.includes(`Order ${last.number} confirmed – Tea House`), 'Boris reads English')
  assert.ok(mailer.sent.some((m) => m.to.includes(`Ana Petrova <${ana.email}>`)))

  // 21.10 (coupon) + 39.40 (returned teapot) + 22.90 (wallet) + 9.40 (gift card) + 34.90 (transfer)
  const sales = await shop.reports.salesOn(DAY)
  assert.deepEqual(sales.currencies, [
    { currency: 'EUR', orders: 5, live_orders: 5, gross: '127.70 EUR', collected: '97.70 EUR', average_order: '25.54 EUR' },
  ])
  const counts = (list) => Object.fromEntries(list.map(({ key, count }) => [key, count]))
  assert.deepEqual(counts(sales.by_payment_method), { bank_transfer: 1, card: 2, gift_card: 1, wallet: 1 })
  assert.deepEqual(counts(sales.by_state), { delivered: 1, paid: 4 })
})
