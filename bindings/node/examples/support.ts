// After-sales support: a customer's case answered with a canned reply in their language, checked
// against the SLA, followed by a CSAT survey; and the FAQ searched in four languages.
// Run it (after `npx napi build --platform`) with
//   node --experimental-strip-types examples/support.ts   (Node 22.6+), or compile it with tsc.
import {
  CannedReplies,
  KnowledgeBase,
  SearchIndex,
  SupportCase,
  Survey,
  csatSummaryOf,
  type BusinessCalendarData,
  type SlaPolicyData,
  type SupportActor,
} from '..'

const ana: SupportActor = { kind: 'customer', id: 'cust-1' }
const kim: SupportActor = { kind: 'agent', id: 'kim' }
const hours = [{ start: '09:00', end: '18:00' }]
const calendar: BusinessCalendarData = {
  time_zone: 'Europe/Sofia',
  weekly: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours, saturday: [], sunday: [] },
  holidays: ['2026-12-25'],
}
const targets = { first_response_minutes: 240, resolution_minutes: 1440 }
const sla: SlaPolicyData = {
  low: targets,
  normal: targets,
  high: { first_response_minutes: 60, resolution_minutes: 480 },
  urgent: { first_response_minutes: 15, resolution_minutes: 120 },
  warning: { kind: 'remaining_percent', percent: 25 },
  pause_on_hold: true,
}

async function main(): Promise<void> {
  const supportCase = SupportCase.open({
    customer_id: 'cust-1',
    opened_by: ana,
    channel: 'email',
    subject: 'Where is my parcel?',
    description: 'Ordered a week ago, nothing yet.',
    priority: 'high',
    category: 'delivery_problem',
    order_line_ids: [],
  })

  const canned = new CannedReplies()
  canned.add({
    id: 'delayed',
    title: 'Parcel delayed',
    category: 'delivery',
    default_locale: 'en',
    variants: { en: 'Hello {{ name }}, your parcel is delayed by a day.', bg: 'Здравейте, {{ name }}! Пратката ви закъснява с ден.' },
  })
  supportCase.transition('open', kim)
  supportCase.reply(kim, canned.render('delayed', 'bg', { name: 'Ана' }).body)
  supportCase.transition('solved', kim)
  const report = supportCase.slaReport(sla, calendar)
  console.log(`case ${supportCase.state}, first response ${report.first_response.status}`)

  const survey = Survey.afterCaseSolved(supportCase)
  survey.answer(5, 'Quick answer, thanks')
  console.log(`CSAT average ${csatSummaryOf([survey]).average}`)

  const faq = new KnowledgeBase()
  faq.addCategory({ id: 'delivery', name: 'Delivery' })
  faq.addArticle({ id: 'times-en', locale: 'en', category_id: 'delivery', title: 'Delivery times', body: 'Three working days.', published: true })
  faq.addArticle({ id: 'times-ru', locale: 'ru', category_id: 'delivery', title: 'Сроки доставки', body: 'Три рабочих дня.', published: true })
  const index = SearchIndex.inMemory()
  await index.syncKnowledgeBase(faq)
  for (const hit of (await index.search({ text: 'доставка', locale: 'ru' })).hits) console.log(`${hit.id}: ${hit.title}`)
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
