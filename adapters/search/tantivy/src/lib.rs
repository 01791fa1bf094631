//! [`TantivySearchIndex`]: Vitrina's [`SearchIndex`] plug-in on [tantivy] 0.27, for the FAQ /
//! knowledge base and the catalog, in English, Russian, Bulgarian and Chinese.
//!
//! # Design
//!
//! * **One field pair per language.** Every document is written to `title_<locale>` and
//!   `body_<locale>` of its own locale, each with that language's analyzer (tantivy binds one
//!   tokenizer to a field, so a field per language keeps index and query analysis identical):
//!   - `en`: words, lowercase, ASCII folding, English stop words, English Snowball stemmer;
//!   - `ru`: words, lowercase, Russian stop words, tantivy's Russian Snowball stemmer
//!     (`доставка` finds `доставки`);
//!   - `bg`: words and lowercase only (there is no Bulgarian stemmer); at query time each word
//!     becomes a *prefix* query on a light stem (a trailing definite article and final vowel are cut:
//!     `доставката` -> `доставк`), so `доставк`, `доставка` and `доставките` find each other;
//!   - `zh`: segmented with jieba ([`tantivy_jieba`], search mode), lowercase, so `退款` and `送货`
//!     are found inside longer sentences.
//!
//!   A query with a locale is analysed with that locale's analyzer and runs on its fields; a query
//!   without a locale is analysed once per language and runs on all of them.
//! * **Ranking.** Each query word is a group of alternatives: the exact (analysed) term on the title
//!   (boost 2) and body, scored by BM25; with typo tolerance, a fuzzy term (Levenshtein distance 1,
//!   transpositions cost 1) for Latin/Cyrillic terms of 4 or more letters, with a small constant
//!   score so exact matches stay ahead. Words are OR-ed; documents matching more words rank higher.
//!   Popularity breaks ties between equal scores. An empty query lists documents by popularity,
//!   highest first.
//! * **Filters and facets.** Kind, locale, category and attribute filters are zero-score required
//!   clauses. Categories (the document's categories with their ancestors) are a tantivy facet field;
//!   the results count matches per category id with a facet collector.
//! * **Storage.** [`TantivySearchIndex::in_memory`] keeps the index in RAM;
//!   [`TantivySearchIndex::open_or_create`] uses a directory on disk (memory-mapped), reopened with
//!   its documents after a restart. Writes go through one writer and become visible on `commit`.
//!   Calls run synchronously inside the async methods (no runtime is required); index and commit
//!   work is short for FAQ- and catalog-sized indexes.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod analysis;
mod index;
mod query;

pub use index::TantivySearchIndex;
pub use vitrina_core::knowledge::SearchIndex;
