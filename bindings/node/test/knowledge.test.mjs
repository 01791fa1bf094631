// The knowledge base through the binding: categories and articles validated by the core (errors name
// the field), views and votes, and ranked search with tantivy in English, Russian (stemming),
// Bulgarian (prefixes) and Chinese (segmentation), over FAQ articles and catalog products.
import assert from 'node:assert/strict'
import { test } from 'node:test'

import { shopData, thrown, vitrina } from '../fixtures/shop.mjs'

function faq() {
  const kb = new vitrina.KnowledgeBase()
  kb.addCategory({ id: 'shipping', name: 'Shipping' })
  kb.addCategory({ id: 'returns', name: 'Returns', parent_id: 'shipping' })
  const article = (id, locale, category_id, title, body) => kb.addArticle({ id, locale, category_id, title, body, published: true })
  article('ship-en', 'en', 'shipping', 'How long does delivery take?', 'Parcels are delivered within three working days.')
  article('ret-en', 'en', 'returns', 'Returning an item', 'You can return unused items within 30 days for a refund.')
  article('ship-ru', 'ru', 'shipping', 'Сроки доставки', 'Мы доставляем посылки за три рабочих дня.')
  article('ship-bg', 'bg', 'shipping', 'Доставка до адрес', 'Доставяме пратките до три работни дни.')
  article('ship-zh', 'zh', 'shipping', '配送需要多长时间', '我们在三个工作日内送达包裹。')
  kb.addArticle({ id: 'draft', locale: 'en', category_id: 'shipping', title: 'Delivery draft', body: 'delivery', published: false })
  return kb
}

test('categories and articles are validated and name the field', () => {
  const kb = faq()
  assert.deepEqual(kb.categoryPath('returns'), ['returns', 'shipping'])
  const unknown = thrown(() => kb.addArticle({ id: 'x', locale: 'en', category_id: 'nope', title: 't', body: 'b' }))
  assert.equal(unknown.code, 'VITRINA_UNKNOWN_CATEGORY')
  assert.equal(unknown.domain, 'knowledge')
  const duplicate = thrown(() => kb.addCategory({ id: 'shipping', name: 'Again' }))
  assert.equal(duplicate.code, 'VITRINA_DUPLICATE_ID')
  const empty = thrown(() => kb.addArticle({ id: 'y', locale: 'en', category_id: 'shipping', title: ' ', body: 'b' }))
  assert.equal(empty.code, 'VITRINA_EMPTY_FIELD')
  assert.match(empty.field, /title/)
  const locale = thrown(() => kb.addArticle({ id: 'z', locale: 'fr', category_id: 'shipping', title: 't', body: 'b' }))
  assert.equal(locale.code, 'VITRINA_INVALID_INPUT')
  assert.equal(locale.field, 'article.locale')
  assert.deepEqual(kb.articlesInCategory('shipping', 'en').map((a) => a.id), ['ship-en', 'ret-en'])
  assert.deepEqual(kb.articlesInCategory('returns', 'en').map((a) => a.id), ['ret-en'])
})

test('views and votes are counted; the base round-trips through JSON', () => {
  const kb = faq()
  assert.equal(kb.recordView('ship-en'), 1)
  assert.equal(kb.recordView('ship-en'), 2)
  kb.recordView('ret-en')
  assert.deepEqual(kb.mostViewed('en', 5).map((a) => a.id), ['ship-en', 'ret-en'])
  assert.deepEqual(kb.vote('ship-en', 'cust-1', 'helpful'), { helpful: 1, not_helpful: 0 })
  assert.deepEqual(kb.vote('ship-en', 'cust-1', 'not_helpful'), { helpful: 0, not_helpful: 1 })
  assert.equal(thrown(() => kb.recordView('gone')).code, 'VITRINA_UNKNOWN_ARTICLE')
  const copy = new vitrina.KnowledgeBase(JSON.stringify(kb))
  assert.deepEqual(copy.toJSON(), kb.toJSON())
})

test('search ranks published articles in en, ru, bg and zh', async () => {
  const index = vitrina.SearchIndex.inMemory()
  const report = await index.syncKnowledgeBase(faq())
  assert.equal(report.indexed, 5)
  const ids = async (text, locale) => (await index.search({ text, locale, kind: 'article' })).hits.map((h) => h.id)
  assert.deepEqual(await ids('delivery', 'en'), ['ship-en'])
  assert.deepEqual(await ids('refunds', 'en'), ['ret-en'])
  assert.deepEqual(await ids('доставку', 'ru'), ['ship-ru'], 'Russian is stemmed')
  assert.deepEqual(await ids('достав', 'bg'), ['ship-bg'], 'Bulgarian matches by prefix')
  assert.deepEqual(await ids('配送', 'zh'), ['ship-zh'], 'Chinese is segmented')
  const all = await index.search({ text: 'delivery' })
  assert.ok(!all.hits.some((h) => h.id === 'draft'), 'drafts are not indexed')
  const bad = await index.search({ text: 'x', limit: 100000 }).catch((e) => e)
  assert.equal(bad.code, 'VITRINA_INVALID_QUERY')
  assert.equal(bad.field, 'limit')
})

test('catalog products are searchable with popularity', async () => {
  const index = vitrina.SearchIndex.inMemory()
  const catalog = new vitrina.Catalog(shopData())
  const report = await index.syncCatalog(catalog, { locale: 'en', popularity: { mug: 10 } })
  assert.equal(report.indexed, catalog.size)
  const results = await index.search({ text: 'mug', kind: 'product' })
  assert.equal(results.hits[0].id, 'mug')
  assert.equal(results.hits[0].popularity, 10)
})
