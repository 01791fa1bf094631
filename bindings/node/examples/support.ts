// After-sales support through the generated `vitrina/shop`: a customer's case answered with a canned
// reply in their language, checked against the SLA in the shop's business hours, solved and rated;
// and the FAQ searched in four languages.
// Run it (after `bash test.sh` has generated shop.js and built the module) with
//   node --experimental-strip-types examples/support.ts   (Node 22.6+), or compile it with tsc.
import { KnowledgeBase, SearchIndex } from '..'
import { Shop, type BusinessCalendar, type CaseActor, type SettingsInit, type SlaPolicyInit } from '../shop'

const kim: CaseActor = { kind: 'agent', id: 'kim' }
const hours = [{ start: '09:00', end: '18:00' }]
const calendar: BusinessCalendar = {
  time_zone: 'Europe/Sofia',
  weekly: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours, saturday: [], sunday: [] },
  holidays: ['2026-12-25'],
}
const targets = { first_response_minutes: 240, resolution_minutes: 1440 }
const sla: SlaPolicyInit = {
  low: targets,
  normal: targets,
  high: { first_response_minutes: 60, resolution_minutes: 480 },
  urgent: { first_response_minutes: 15, resolution_minutes: 120 },
  warning: { kind: 'remaining_percent', percent: 25 },
  pause_on_hold: true,
}
const settings: SettingsInit = {
  profile: {
    shop_id: 'tea-house',
    info: { name: 'Tea House', url: 'https://tea.example.com', support_email: 'help@tea.example.com' },
    sender: 'Tea House <orders@tea.example.com>',
    transfer_window: 'PT72H',
  },
  sla,
  business_calendar: calendar,
  canned_replies: {
    replies: [
      {
        id: 'delayed',
        title: 'Parcel delayed',
        category: 'delivery',
        default_locale: 'en',
        variants: { en: 'Hello {{ name }}, your parcel is delayed by a day.', bg: 'Здравейте, {{ name }}! Пратката ви закъснява с ден.' },
      },
    ],
  },
}

async function main(): Promise<void> {
  const shop = await Shop.open('sqlite::memory:', { clockAt: '2026-11-23T08:00:00Z' })
  await shop.admin.configure(settings)
  const ana = await shop.customers.register({ email: 'ana@example.bg', name: 'Ana', locale: 'bg' })
  const opened = await shop.support.openCase({
    customer_id: ana.id,
    opened_by: { kind: 'customer', id: ana.id },
    channel: 'email',
    subject: 'Where is my parcel?',
    description: 'Ordered a week ago, nothing yet.',
    priority: 'high',
    category: 'delivery_problem',
    order_line_ids: [],
  })
  shop.advance('PT20M')
  await shop.support.transition(opened.id, 'open', kim)
  const answered = await shop.support.replyWithCanned(opened.id, 'kim', 'delayed', 'bg', { name: 'Ана' })
  console.log(`reply: ${answered.messages.at(-1)?.body}`)
  const [open] = await shop.support.openCasesBySla()
  console.log(`first response ${open.sla.first_response.status} after ${open.sla.first_response.elapsed_minutes} minutes`)
  const { case: solved, survey } = await shop.support.solve(opened.id, kim)
  if (survey) await shop.support.answerSurvey(survey.id, 5, 'Quick answer, thanks')
  const day = shop.now().slice(0, 10)
  const after = await shop.reports.afterSales(day, '2026-11-24')
  console.log(`case ${solved.state}, CSAT average ${after.csat_average}`)

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
