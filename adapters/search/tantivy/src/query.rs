//! Builds tantivy queries from a [`SearchQuery`]: per-language word groups (exact BM25 terms,
//! fuzzy terms for typos, Bulgarian prefixes) combined with zero-score filters.

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::Term;
use vitrina_core::knowledge::{KnowledgeLocale, SearchQuery};

use crate::analysis::{bulgarian_prefix, query_terms};
use crate::index::Fields;

/// Title matches weigh this much more than body matches.
const TITLE_BOOST: f32 = 2.0;
/// Constant score of a fuzzy or prefix match on the title (the body gets half).
const APPROXIMATE_SCORE: f32 = 0.4;
/// Typo tolerance applies to analysed terms of at least this many characters.
const FUZZY_MIN_CHARS: usize = 4;

/// The query to run, or `None` when the text has words but none survive analysis (only stop
/// words or punctuation): nothing can match.
pub(crate) fn build(fields: &Fields, tokenizers: &TokenizerManager, query: &SearchQuery) -> Option<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !query.is_browse() {
        clauses.push((Occur::Must, text_query(fields, tokenizers, query)?));
    }
    let mut filter = |term: Term| {
        let exact: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(exact, 0.0))));
    };
    if let Some(kind) = query.kind {
        filter(Term::from_field_text(fields.kind, kind.as_str()));
    }
    if let Some(locale) = query.locale {
        filter(Term::from_field_text(fields.locale, locale.code()));
    }
    if let Some(category) = &query.category_id {
        filter(Term::from_facet(fields.category, &Facet::from_path([category])));
    }
    for (name, value) in &query.facet_filters {
        filter(Term::from_facet(fields.attribute, &Facet::from_path([name, value])));
    }
    if clauses.is_empty() {
        return Some(Box::new(AllQuery));
    }
    if query.is_browse() {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0))));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Words OR-ed over the fields of the query's locale (or of every locale).
fn text_query(fields: &Fields, tokenizers: &TokenizerManager, query: &SearchQuery) -> Option<Box<dyn Query>> {
    let locales = query.locale.map_or(KnowledgeLocale::ALL.to_vec(), |l| vec![l]);
    let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for locale in locales {
        let (title, body) = fields.text(locale);
        for term in query_terms(tokenizers, locale, &query.text) {
            words.push((Occur::Should, word_query(locale, title, body, &term, query.typo_tolerance)));
        }
    }
    if words.is_empty() {
        return None;
    }
    Some(Box::new(BooleanQuery::new(words)))
}

/// The alternatives by which one analysed word matches a document.
fn word_query(locale: KnowledgeLocale, title: Field, body: Field, term: &str, typo_tolerance: bool) -> Box<dyn Query> {
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (field, weight) in [(title, 1.0), (body, 0.5)] {
        let exact = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::WithFreqs);
        alternatives.push((Occur::Should, Box::new(BoostQuery::new(Box::new(exact), TITLE_BOOST * weight))));
        let long_enough = term.chars().count() >= FUZZY_MIN_CHARS;
        let approximate = match locale {
            KnowledgeLocale::Zh => None,
            KnowledgeLocale::Bg => {
                let distance = u8::from(typo_tolerance && bulgarian_prefix(term).chars().count() >= FUZZY_MIN_CHARS);
                Some(FuzzyTermQuery::new_prefix(Term::from_field_text(field, bulgarian_prefix(term)), distance, true))
            }
            KnowledgeLocale::En | KnowledgeLocale::Ru if typo_tolerance && long_enough => {
                Some(FuzzyTermQuery::new(Term::from_field_text(field, term), 1, true))
            }
            KnowledgeLocale::En | KnowledgeLocale::Ru => None,
        };
        if let Some(approximate) = approximate {
            let scored = ConstScoreQuery::new(Box::new(approximate), APPROXIMATE_SCORE * weight);
            alternatives.push((Occur::Should, Box::new(scored)));
        }
    }
    Box::new(BooleanQuery::new(alternatives))
}
