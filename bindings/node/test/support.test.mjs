// Support through the binding: cases with replies, internal notes and the state machine
// (VITRINA_ILLEGAL_TRANSITION, the reopen window), the customer's view, SLA on a business calendar,
// canned replies per locale, CSAT surveys and their summary.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { thrown, vitrina } from '../fixtures/shop.mjs'

const ANA = { kind: 'customer', id: 'cust-1' }
const KIM = { kind: 'agent', id: 'kim' }
const OPENED = '2026-11-23T09:00:00Z'

const newCase = (extra = {}) => ({
  customer_id: 'cust-1',
  opened_by: ANA,
  channel: 'web_form',
  subject: 'Mug arrived broken',
  description: 'The handle came off in the box.',
  priority: 'high',
  category: 'complaint',
  order_id: 'order-1',
  order_line_ids: [],
  ...extra,
})

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

test('a case is opened, answered and solved; every move is recorded', () => {
  const c = vitrina.SupportCase.open(newCase(), OPENED)
  assert.equal(c.state, 'new')
  assert.equal(c.priority, 'high')
  assert.equal(c.messages[0].kind, 'description')
  c.assign('kim', 'damages')
  assert.deepEqual(c.assignment, { agent_id: 'kim', queue: 'damages' })
  c.transition('open', KIM, '2026-11-23T09:05:00Z')
  c.addInternalNote(KIM, 'Courier damage, claim with Parcelo.', '2026-11-23T09:06:00Z')
  const reply = c.reply(KIM, 'Sorry! A new mug is on its way.', '2026-11-23T09:10:00Z')
  assert.equal(c.messages.at(-1).id, reply)
  c.transition('pending_customer', KIM, '2026-11-23T09:11:00Z')
  c.reply(ANA, 'Thank you!', '2026-11-23T10:00:00Z')
  assert.equal(c.state, 'open', "the customer's reply wakes the case")
  c.transition('solved', KIM, '2026-11-23T10:05:00Z')
  assert.deepEqual(c.history.map((h) => [h.from, h.to]), [
    ['new', 'open'],
    ['open', 'pending_customer'],
    ['pending_customer', 'open'],
    ['open', 'solved'],
  ])
  const view = c.customerView()
  assert.equal(view.status, 'solved')
  assert.ok(!JSON.stringify(view).includes('claim with Parcelo'), 'internal notes stay internal')
  assert.deepEqual(vitrina.SupportCase.fromJSON(JSON.stringify(c)).toJSON(), c.toJSON())
})

test('refused moves and bad input carry codes and name the field', () => {
  const c = vitrina.SupportCase.open(newCase(), OPENED)
  const illegal = thrown(() => c.transition('new', KIM, '2026-11-23T09:05:00Z'))
  assert.equal(illegal.code, 'VITRINA_ILLEGAL_TRANSITION')
  assert.equal(illegal.domain, 'support')
  assert.equal(c.state, 'new')
  const blank = thrown(() => vitrina.SupportCase.open(newCase({ subject: '  ' }), OPENED))
  assert.equal(blank.code, 'VITRINA_INVALID_INPUT')
  assert.equal(blank.field, 'subject')
  const unknown = thrown(() => c.setPriority('whenever'))
  assert.equal(unknown.field, 'priority')
  const active = thrown(() => c.followUp(ANA, 'Any news?'))
  assert.equal(active.code, 'VITRINA_CASE_STILL_ACTIVE')

  c.transition('open', KIM, '2026-11-23T09:05:00Z')
  c.transition('solved', KIM, '2026-11-23T09:30:00Z')
  const late = thrown(() => c.transition('open', ANA, '2026-12-20T09:00:00Z'))
  assert.equal(late.code, 'VITRINA_REOPEN_WINDOW_CLOSED')
  c.transition('open', ANA, '2026-12-20T09:00:00Z', { reopen_window: 'PT960H' })
  assert.equal(c.state, 'open')
  c.transition('solved', KIM, '2026-12-20T10:00:00Z')
  const followUp = c.followUp(ANA, 'The new one is chipped too.', '2026-12-21T09:00:00Z')
  assert.match(followUp.subject, /^Follow-up: /)
  assert.equal(followUp.state, 'new')
})

test('the SLA counts business minutes of the calendar given', () => {
  const c = vitrina.SupportCase.open(newCase(), '2026-11-23T07:00:00Z') // Monday 09:00 in Sofia
  const early = c.slaReport(SLA, CALENDAR, '2026-11-23T07:30:00Z')
  assert.deepEqual([early.first_response.target_minutes, early.first_response.elapsed_minutes], [60, 30])
  assert.equal(early.first_response.status, 'ok')
  const late = c.slaReport(SLA, CALENDAR, '2026-11-23T09:00:00Z')
  assert.equal(late.first_response.status, 'breached')
  c.reply(KIM, 'Looking into it.', '2026-11-23T07:20:00Z')
  assert.equal(c.slaReport(SLA, CALENDAR, '2026-11-23T09:00:00Z').first_response.status, 'achieved')
  const zone = thrown(() => c.slaReport(SLA, { ...CALENDAR, time_zone: 'Mars/Olympus' }))
  assert.equal(zone.code, 'VITRINA_INVALID_INPUT')
  assert.match(zone.field, /^calendar/)
})

test('canned replies render per locale and refuse a missing placeholder', () => {
  const canned = new vitrina.CannedReplies()
  canned.add({
    id: 'replacement',
    title: 'Replacement sent',
    category: 'damages',
    default_locale: 'en',
    variants: {
      en: 'Hello {{ name }}, a replacement is on its way.',
      bg: 'Здравейте, {{ name }}! Изпращаме ви нов продукт.',
    },
  })
  assert.equal(canned.replies.length, 1)
  assert.equal(canned.render('replacement', 'bg-BG', { name: 'Ана' }).body, 'Здравейте, Ана! Изпращаме ви нов продукт.')
  assert.equal(canned.render('replacement', 'zh', { name: 'Ana' }).locale, 'en')
  const missing = thrown(() => canned.render('replacement', 'en', {}))
  assert.equal(missing.code, 'VITRINA_UNKNOWN_PLACEHOLDER')
  assert.equal(missing.field, 'values')
  const duplicate = thrown(() => canned.add({ id: 'replacement', title: 't', category: 'c', default_locale: 'en', variants: { en: 'x' } }))
  assert.equal(duplicate.code, 'VITRINA_DUPLICATE')
  const loop = thrown(() => canned.add({ id: 'loop', title: 't', category: 'c', default_locale: 'en', variants: { en: '{% for x in y %}{% endfor %}' } }))
  assert.equal(loop.code, 'VITRINA_DISALLOWED_TAG')
  canned.remove('replacement')
  assert.equal(thrown(() => canned.render('replacement', 'en', {})).code, 'VITRINA_NOT_FOUND')
})

test('CSAT surveys follow solved cases and are summarised', () => {
  const surveys = []
  for (const score of [5, 4, 2]) {
    const c = vitrina.SupportCase.open(newCase(), OPENED)
    const unsolved = thrown(() => vitrina.Survey.afterCaseSolved(c, OPENED))
    assert.equal(unsolved.code, 'VITRINA_CASE_NOT_SOLVED')
    c.transition('open', KIM, '2026-11-23T09:05:00Z')
    c.transition('solved', KIM, '2026-11-23T09:30:00Z')
    const survey = vitrina.Survey.afterCaseSolved(c, '2026-11-23T09:31:00Z', 48)
    assert.equal(survey.expiresAt, '2026-11-25T09:31:00Z')
    survey.answer(score, score < 3 ? 'Took too long' : null, '2026-11-23T12:00:00Z')
    surveys.push(survey)
  }
  assert.equal(thrown(() => surveys[0].answer(5, null, '2026-11-23T13:00:00Z')).code, 'VITRINA_ALREADY_ANSWERED')
  assert.equal(surveys[2].needsFollowUp, true)
  const summary = vitrina.csatSummaryOf(surveys)
  assert.deepEqual([summary.sent, summary.answered, summary.histogram], [3, 3, [0, 1, 0, 1, 1]])
  assert.equal(typeof summary.average, 'string')
  assert.equal(summary.follow_ups_due, 1)
})
