// E-mail through the binding: messages validated by the core (a line break in a header or a bad
// address names the field), the durable outbox (in memory) and delivery runs through a
// mailer written in JavaScript: a throw is a temporary failure retried with back-off, an error with
// `permanent: true` is final, neither a crash.
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { test } from 'node:test'

import { NOW, thrown, vitrina } from '../fixtures/shop.mjs'

const email = (n, extra = {}) => ({
  message_id: `<order-${n}@shop.example>`,
  from: 'Shop <shop@example.com>',
  to: [`customer${n}@example.com`],
  subject: `Order VT-2026-00000${n}`,
  text: 'Thank you for your order.',
  ...extra,
})

/** A mailer in JavaScript that fails the first `failures` sends of each message, then accepts them. */
class FlakyMailer {
  constructor(failures = 0, permanentFor = []) {
    this.name = 'flaky'
    this.failures = failures
    this.permanentFor = permanentFor
    this.attempts = new Map()
    this.delivered = []
  }
  async send(message) {
    const attempt = (this.attempts.get(message.message_id) ?? 0) + 1
    this.attempts.set(message.message_id, attempt)
    if (this.permanentFor.some((address) => message.to.includes(address))) {
      throw Object.assign(new Error('550 mailbox unavailable'), { permanent: true })
    }
    if (attempt <= this.failures) throw new Error('421 try again later')
    await new Promise((resolve) => setTimeout(resolve, 1))
    this.delivered.push(message)
    return { message_id: `smtp-${this.delivered.length}`, detail: '250 OK' }
  }
}

test('messages are validated by the core and name the field', () => {
  const message = vitrina.composeEmail(email(1, { headers: [['X-Order', 'VT-2026-000001']] }))
  assert.equal(message.subject, 'Order VT-2026-000001')
  assert.deepEqual(message.headers, [['X-Order', 'VT-2026-000001']])
  const injected = thrown(() => vitrina.composeEmail(email(1, { subject: 'Hi\r\nBcc: all@example.com' })))
  assert.equal(injected.code, 'VITRINA_HEADER_INJECTION')
  assert.equal(injected.field, 'subject')
  assert.equal(injected.domain, 'notify')
  const address = thrown(() => vitrina.composeEmail(email(1, { to: ['not an address'] })))
  assert.equal(address.code, 'VITRINA_INVALID_FIELD')
  assert.match(address.field, /^to/)
  assert.match(vitrina.newMessageId('shop.example', NOW), /^<[0-9a-f-]+@shop\.example>$/)
})

test('a JavaScript mailer delivers the outbox; a throw is retried later, not a crash', async () => {
  const outbox = new vitrina.Outbox()
  const mailer = new FlakyMailer(1)
  const { entry, duplicate } = await outbox.enqueue(email(1), NOW)
  assert.equal(duplicate, false)
  assert.equal(entry.status, 'pending')
  assert.equal((await outbox.enqueue(email(1), NOW)).duplicate, true)
  const conflict = await outbox.enqueue(email(1, { text: 'other' }), NOW).catch((e) => e)
  assert.equal(conflict.code, 'VITRINA_CONFLICT')
  assert.equal(conflict.field, 'message_id')

  const first = await outbox.deliverDue(mailer, null, NOW)
  assert.deepEqual(first, { sent: [], retrying: [entry.id], dead: [] })
  const failed = await outbox.get(entry.id)
  assert.equal(failed.status, 'failed')
  assert.equal(failed.attempts, 1)
  assert.match(failed.last_error, /mailer flaky failed in send: Error: 421 try again later/)
  assert.equal(failed.next_attempt_at, '2026-11-23T12:01:00Z')

  assert.deepEqual(await outbox.deliverDue(mailer, null, '2026-11-23T12:00:30Z'), { sent: [], retrying: [], dead: [] })
  assert.deepEqual(await outbox.deliverDue(mailer, null, '2026-11-23T12:01:00Z'), { sent: [entry.id], retrying: [], dead: [] })
  assert.equal(mailer.delivered.length, 1)
  assert.deepEqual(mailer.delivered[0].to, ['customer1@example.com'])
  const sent = await outbox.get(entry.id)
  assert.deepEqual([sent.status, sent.sent_at], ['sent', '2026-11-23T12:01:00Z'])
})

test('a permanent failure is final and a mailer without send never delivers', async () => {
  const outbox = new vitrina.Outbox()
  const { entry: bounced } = await outbox.enqueue(email(2, { to: ['gone@example.com'] }), NOW)
  const { entry: fine } = await outbox.enqueue(email(3), NOW)
  const mailer = new FlakyMailer(0, ['gone@example.com'])
  assert.deepEqual(await outbox.deliverDue(mailer, { batch_size: 10 }, NOW), { sent: [fine.id], retrying: [], dead: [bounced.id] })
  assert.match((await outbox.get(bounced.id)).last_error, /550 mailbox unavailable/)

  const { entry } = await outbox.enqueue(email(4), NOW)
  assert.deepEqual(await outbox.deliverDue({ name: 'mute' }, null, NOW), { sent: [], retrying: [], dead: [entry.id] })
  // Arguments are checked before any work starts: a bad one throws at once.
  const policy = thrown(() => outbox.deliverDue(mailer, { lease_minutes: 5 }, NOW))
  assert.equal(policy.code, 'VITRINA_INVALID_INPUT')
  assert.match(policy.message, /unknown field `lease_minutes`/)
})

/** A tiny SMTP server on 127.0.0.1: accepts every message (or answers `550` to `refuse`), keeps the data. */
async function smtpServer(refuse = []) {
  const received = []
  const server = createServer((socket) => {
    socket.setEncoding('latin1')
    let buffer = ''
    let data = null
    let envelope = { from: null, to: [] }
    const reply = (line) => socket.write(`${line}\r\n`)
    reply('220 test ESMTP')
    socket.on('data', (chunk) => {
      buffer += chunk
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end < 0) return
          received.push({ ...envelope, data: data + buffer.slice(0, end) })
          buffer = buffer.slice(end + 5)
          data = null
          envelope = { from: null, to: [] }
          reply('250 2.0.0 queued as 42')
          continue
        }
        const eol = buffer.indexOf('\r\n')
        if (eol < 0) return
        const line = buffer.slice(0, eol)
        buffer = buffer.slice(eol + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') reply('250 test')
        else if (verb === 'MAIL') (envelope.from = line, reply('250 OK'))
        else if (verb === 'RCPT') {
          if (refuse.some((address) => line.includes(address))) reply('550 5.1.1 no such mailbox')
          else (envelope.to.push(line), reply('250 OK'))
        } else if (verb === 'DATA') (data = '', reply('354 go ahead'))
        else if (verb === 'QUIT') (reply('221 bye'), socket.end())
        else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK')
        else reply('502 not implemented')
      }
    })
    socket.on('error', () => {})
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: server.address().port, received, close: () => server.close() }
}

test('the SMTP mailer sends through a real SMTP conversation and delivers the outbox', async () => {
  const server = await smtpServer(['gone@example.com'])
  try {
    const smtp = new vitrina.SmtpMailer({ host: '127.0.0.1', port: server.port, security: 'plain_localhost', timeout_seconds: 5 })
    await smtp.testConnection()
    const receipt = await smtp.send(email(6, { html: '<p>Thank you</p>' }))
    assert.match(receipt.detail, /queued as 42/)
    assert.equal(server.received.length, 1)
    assert.match(server.received[0].data, /Subject: Order VT-2026-000006/)
    assert.match(server.received[0].to[0], /customer6@example.com/)
    const refused = await smtp.send(email(7, { to: ['gone@example.com'] })).catch((e) => e)
    assert.equal(refused.code, 'VITRINA_MAIL_PERMANENT')

    const outbox = new vitrina.Outbox()
    const { entry } = await outbox.enqueue(email(8), NOW)
    assert.deepEqual(await outbox.deliverDue(smtp, null, NOW), { sent: [entry.id], retrying: [], dead: [] })
    assert.equal(server.received.length, 2)
  } finally {
    server.close()
  }
})

test('SMTP settings are checked and name the field', () => {
  const remote = thrown(() => new vitrina.SmtpMailer({ host: 'mail.example.com', security: 'plain_localhost' }))
  assert.equal(remote.code, 'VITRINA_INVALID_INPUT')
  assert.equal(remote.field, 'settings.host')
  const half = thrown(() => new vitrina.SmtpMailer({ host: 'mail.example.com', security: 'starttls', username: 'shop' }))
  assert.equal(half.field, 'settings.password')
  const security = thrown(() => new vitrina.SmtpMailer({ host: 'localhost', security: 'ssl' }))
  assert.equal(security.code, 'VITRINA_INVALID_INPUT')
  assert.equal(security.field, 'settings.security')
})
