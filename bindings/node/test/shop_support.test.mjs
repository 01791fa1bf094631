// Support through the Shop: cases with replies and the state machine (an illegal move, the reopen
// window of the settings), bad input naming the field, the SLA counted in the business hours of the
// settings, canned replies per locale (a missing placeholder, one taken away),
// and CSAT surveys after a solved case with their summary in the after-sales report.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { SETTINGS, rejection, teaShop } from '../fixtures/shop_plugins.mjs'

const KIM = { kind: 'agent', id: 'kim' }
const MONDAY = '2026-11-23T07:00:00Z' // 09:00 in Sofia

const SLA = {
  low: { first_response_minutes: 1440, resolution_minutes: 4320 },
  normal: { first_response_minutes: 480, resolution_minutes: 2880 },
  high: { first_response_minutes: 60, resolution_minutes: 480 },
  urgent: { first_response_minutes: 15, resolution_minutes: 120 },
  warning: { kind: 'remaining_percent', percent: 20 },
  pause_on_hold: true,
}
const nineToFive = [{ start: '09:00', end: '17:00' }]
const CALENDAR = {
  time_zone: 'Europe/Sofia',
  weekly: {
    monday: nineToFive, tuesday: nineToFive, wednesday: nineToFive, thursday: nineToFive, friday: nineToFive,
    saturday: [], sunday: [],
  },
  holidays: [],
}
const REPLACEMENT = {
  id: 'replacement',
  title: 'Replacement sent',
  category: 'damages',
  default_locale: 'en',
  variants: {
    en: 'Hello {{ name }}, a replacement is on its way.',
    bg: 'Здравейте, {{ name }}! Изпращаме ви нов продукт.',
  },
}

/** The tea shop with `settings` over its own, on Monday 09:00 in Sofia, and a customer Ana. */
async function supportShop(settings = {}) {
  const { shop } = await teaShop()
  shop.setTime(MONDAY)
  await shop.admin.configure({ ...SETTINGS, ...settings })
  const ana = await shop.customers.register({ email: 'ana@example.com', name: 'Ana', locale: 'bg' })
  const newCase = (extra = {}) => ({
    customer_id: ana.id,
    opened_by: { kind: 'customer', id: ana.id },
    channel: 'web_form',
    subject: 'Mug arrived broken',
    description: 'The handle came off in the box.',
    priority: 'high',
    category: 'complaint',
    order_id: null,
    order_line_ids: [],
    ...extra,
  })
  return { shop, ana: { kind: 'customer', id: ana.id }, newCase }
}

test('a case is opened, assigned, answered and solved; every move is recorded', async () => {
  const { shop, ana, newCase } = await supportShop()
  const opened = await shop.support.openCase(newCase())
  assert.deepEqual([opened.state, opened.priority, opened.messages[0].kind], ['new', 'high', 'description'])
  const assigned = await shop.support.assign(opened.id, { agent_id: 'kim', queue: 'damages' })
  assert.deepEqual(assigned.assignment, { agent_id: 'kim', queue: 'damages' })
  await shop.support.transition(opened.id, 'open', KIM)
  shop.advance('PT10M')
  const replied = await shop.support.reply(opened.id, KIM, 'Sorry! A new mug is on its way.')
  assert.equal(replied.messages.at(-1).body, 'Sorry! A new mug is on its way.')
  await shop.support.transition(opened.id, 'pending_customer', KIM)
  shop.advance('PT50M')
  const woken = await shop.support.reply(opened.id, ana, 'Thank you!')
  assert.equal(woken.state, 'open', "the customer's reply wakes the case")
  await shop.support.solve(opened.id, KIM)
  const solved = await shop.support.get(opened.id)
  assert.deepEqual(solved.history.map((h) => [h.from, h.to]), [
    ['new', 'open'],
    ['open', 'pending_customer'],
    ['pending_customer', 'open'],
    ['open', 'solved'],
  ])
})

test('refused moves and bad input carry codes and name the field', async () => {
  const { shop, ana, newCase } = await supportShop({ cases: { reopen_window: 'PT168H' } })
  const opened = await shop.support.openCase(newCase())
  const illegal = await rejection(shop.support.transition(opened.id, 'new', KIM))
  assert.deepEqual([illegal.code, illegal.domain], ['illegal_transition', 'support'])
  assert.equal((await shop.support.get(opened.id)).state, 'new')
  const blank = await rejection(shop.support.openCase(newCase({ subject: '  ' })))
  assert.deepEqual([blank.code, blank.field, blank.domain], ['invalid_input', 'subject', 'support'])
  const unknown = await rejection(shop.support.openCase(newCase({ priority: 'whenever' })))
  assert.deepEqual([unknown.code, unknown.field], ['invalid', 'new.priority'])

  await shop.support.transition(opened.id, 'open', KIM)
  await shop.support.solve(opened.id, KIM)
  shop.advance('PT169H')
  const late = await rejection(shop.support.transition(opened.id, 'open', ana))
  assert.equal(late.code, 'reopen_window_closed')
  await shop.admin.configure({ ...SETTINGS, cases: { reopen_window: 'PT960H' } })
  assert.equal((await shop.support.transition(opened.id, 'open', ana)).state, 'open')
})

test('the SLA counts the business minutes of the settings\' calendar', async () => {
  const { shop, newCase } = await supportShop({ sla: SLA, business_calendar: CALENDAR })
  const opened = await shop.support.openCase(newCase())
  const report = async () => (await shop.support.openCasesBySla()).find((c) => c.case.id === opened.id).sla.first_response
  shop.advance('PT30M')
  const early = await report()
  assert.deepEqual([early.target_minutes, early.elapsed_minutes, early.status], [60, 30, 'ok'])
  shop.advance('PT90M')
  assert.equal((await report()).status, 'breached')

  const answered = await supportShop({ sla: SLA, business_calendar: CALENDAR })
  const second = await answered.shop.support.openCase(answered.newCase())
  answered.shop.advance('PT20M')
  await answered.shop.support.reply(second.id, KIM, 'Looking into it.')
  answered.shop.advance('PT100M')
  const met = (await answered.shop.support.openCasesBySla()).find((c) => c.case.id === second.id).sla.first_response
  assert.equal(met.status, 'achieved')

  const zone = await rejection(shop.admin.configure({ ...SETTINGS, business_calendar: { ...CALENDAR, time_zone: 'Mars/Olympus' } }))
  assert.equal(zone.code, 'invalid')
  assert.match(zone.field, /business_calendar/)
})

test('canned replies render per locale and refuse a missing placeholder', async () => {
  const { shop, newCase } = await supportShop({ canned_replies: { replies: [REPLACEMENT] } })
  assert.equal((await shop.admin.settings()).canned_replies.replies.length, 1)
  const opened = await shop.support.openCase(newCase())
  const bg = await shop.support.replyWithCanned(opened.id, 'kim', 'replacement', 'bg-BG', { name: 'Ана' })
  assert.equal(bg.messages.at(-1).body, 'Здравейте, Ана! Изпращаме ви нов продукт.')
  const zh = await shop.support.replyWithCanned(opened.id, 'kim', 'replacement', 'zh', { name: 'Ana' })
  assert.equal(zh.messages.at(-1).body, 'Hello Ana, a replacement is on its way.')
  const missing = await rejection(shop.support.replyWithCanned(opened.id, 'kim', 'replacement', 'en', {}))
  assert.equal(missing.code, 'unknown_placeholder')
  assert.equal(missing.field, 'values')
  assert.match(missing.message, /"name"/)
  await shop.admin.configure({ ...SETTINGS, canned_replies: { replies: [] } })
  const gone = await rejection(shop.support.replyWithCanned(opened.id, 'kim', 'replacement', 'en', { name: 'Ana' }))
  assert.equal(gone.code, 'reply_not_found')
})

test('CSAT surveys follow solved cases and are summarised', async () => {
  const { shop, newCase } = await supportShop({ csat: { validity: 'PT48H' } })
  const surveys = []
  for (const score of [5, 4, 2]) {
    const opened = await shop.support.openCase(newCase())
    assert.deepEqual(await shop.support.surveysOfCase(opened.id), [], 'no survey before the case is solved')
    await shop.support.transition(opened.id, 'open', KIM)
    const { survey } = await shop.support.solve(opened.id, KIM)
    assert.equal(Date.parse(survey.expires_at) - Date.parse(survey.sent_at), 48 * 3600_000)
    surveys.push(await shop.support.answerSurvey(survey.id, score, score < 3 ? 'Took too long' : null))
  }
  const again = await rejection(shop.support.answerSurvey(surveys[0].id, 5, null))
  assert.equal(again.code, 'already_answered')
  assert.notEqual(surveys[2].follow_up, null, 'a low score asks for a follow-up')
  assert.equal(surveys[0].follow_up, null)
  const day = shop.now().slice(0, 10)
  const after = await shop.reports.afterSales(day, '2026-11-24')
  const scores = Object.fromEntries(after.csat_scores.map((t) => [t.key, t.count]))
  assert.deepEqual(scores, { 2: 1, 4: 1, 5: 1 })
  assert.equal(typeof after.csat_average, 'string')
})
