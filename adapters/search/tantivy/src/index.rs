//! The tantivy-backed [`SearchIndex`]: schema, writer, reader, and the search itself.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use tantivy::collector::{Count, DocSetCollector, FacetCollector, TopDocs};
use tantivy::columnar::ColumnValues;
use tantivy::directory::MmapDirectory;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, SegmentReader, TantivyDocument, Term};
use vitrina_core::knowledge::{
    DocumentKind, KnowledgeLocale, SearchDocument, SearchError, SearchHit, SearchIndex, SearchQuery, SearchResults,
};

use crate::analysis::{register, tokenizer_name};

/// Memory the single indexing thread may use before it flushes a segment.
const WRITER_MEMORY_BYTES: usize = 32_000_000;
const POPULARITY: &str = "popularity";

/// The schema's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// `kind:id`, the unique key used to replace and delete documents.
    key: Field,
    id: Field,
    pub(crate) kind: Field,
    pub(crate) locale: Field,
    /// Stored title for hits.
    title: Field,
    /// Per locale (in [`KnowledgeLocale::ALL`] order): analysed title and body.
    text: [(Field, Field); 4],
    pub(crate) category: Field,
    pub(crate) attribute: Field,
    popularity: Field,
}

impl Fields {
    /// The analysed title and body fields of `locale`.
    pub(crate) fn text(&self, locale: KnowledgeLocale) -> (Field, Field) {
        self.text[KnowledgeLocale::ALL.iter().position(|l| *l == locale).unwrap_or(0)]
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let key = builder.add_text_field("key", STRING);
    let id = builder.add_text_field("id", STORED);
    let kind = builder.add_text_field("kind", STRING | STORED);
    let locale = builder.add_text_field("locale", STRING | STORED);
    let title = builder.add_text_field("title", STORED);
    let text = KnowledgeLocale::ALL.map(|l| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tokenizer_name(l))
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        (
            builder.add_text_field(&format!("title_{}", l.code()), options.clone()),
            builder.add_text_field(&format!("body_{}", l.code()), options),
        )
    });
    let category = builder.add_facet_field("category", FacetOptions::default());
    let attribute = builder.add_facet_field("attribute", FacetOptions::default());
    let popularity = builder.add_u64_field(POPULARITY, FAST | STORED);
    let fields = Fields { key, id, kind, locale, title, text, category, attribute, popularity };
    (builder.build(), fields)
}

fn backend(error: impl ToString) -> SearchError {
    SearchError::backend(error)
}

/// A [`SearchIndex`] on tantivy, in RAM or in a directory on disk. Share it as
/// `Arc<dyn SearchIndex>`; all methods take `&self`.
pub struct TantivySearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
}

impl std::fmt::Debug for TantivySearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TantivySearchIndex").field("directory", &self.index.directory()).finish_non_exhaustive()
    }
}

impl TantivySearchIndex {
    /// A new, empty index held in memory (lost when dropped).
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, fields) = schema();
        Self::from_index(Index::create_in_ram(schema), fields)
    }

    /// Opens the index stored in `directory`, creating the directory and an empty index if needed.
    /// Only one `TantivySearchIndex` may have a directory open at a time (tantivy's writer lock).
    pub fn open_or_create(directory: impl AsRef<Path>) -> Result<Self, SearchError> {
        let directory = directory.as_ref();
        std::fs::create_dir_all(directory).map_err(|e| backend(format!("{}: {e}", directory.display())))?;
        let (schema, fields) = schema();
        let mmap = MmapDirectory::open(directory).map_err(backend)?;
        Self::from_index(Index::open_or_create(mmap, schema).map_err(backend)?, fields)
    }

    fn from_index(index: Index, fields: Fields) -> Result<Self, SearchError> {
        register(index.tokenizers());
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY_BYTES).map_err(backend)?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(backend)?;
        Ok(TantivySearchIndex { index, reader, writer: Mutex::new(writer), fields })
    }

    fn writer(&self) -> Result<MutexGuard<'_, IndexWriter>, SearchError> {
        self.writer.lock().map_err(|_| backend("index writer lock poisoned by a panic"))
    }

    fn key(&self, kind: DocumentKind, id: &str) -> Term {
        Term::from_field_text(self.fields.key, &format!("{kind}:{id}"))
    }

    fn to_tantivy(&self, document: &SearchDocument) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::new();
        doc.add_text(f.key, format!("{}:{}", document.kind, document.id));
        doc.add_text(f.id, &document.id);
        doc.add_text(f.kind, document.kind.as_str());
        doc.add_text(f.locale, document.locale.code());
        doc.add_text(f.title, &document.title);
        let (title, body) = f.text(document.locale);
        doc.add_text(title, &document.title);
        doc.add_text(body, &document.body);
        for category in &document.category_ids {
            doc.add_facet(f.category, Facet::from_path([category]));
        }
        for (name, values) in &document.facets {
            for value in values {
                doc.add_facet(f.attribute, Facet::from_path([name, value]));
            }
        }
        doc.add_u64(f.popularity, document.popularity);
        doc
    }

    fn hit(&self, doc: &TantivyDocument, score: f32) -> Result<SearchHit, SearchError> {
        let f = &self.fields;
        let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        let kind = match text(f.kind).as_str() {
            "product" => DocumentKind::Product,
            _ => DocumentKind::Article,
        };
        let locale = text(f.locale).parse::<KnowledgeLocale>().map_err(backend)?;
        let popularity = doc.get_first(f.popularity).and_then(|v| v.as_u64()).unwrap_or(0);
        Ok(SearchHit { id: text(f.id), kind, locale, title: text(f.title), score, popularity })
    }

    fn run(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        query.validate()?;
        let Some(tantivy_query) = crate::query::build(&self.fields, self.index.tokenizers(), query) else {
            return Ok(SearchResults::default());
        };
        let searcher = self.reader.searcher();
        let mut facet_collector = FacetCollector::for_field("category");
        facet_collector.add_facet(Facet::root());
        let (total, facet_counts) = searcher.search(&tantivy_query, &(Count, facet_collector)).map_err(backend)?;
        let facets: BTreeMap<String, u64> = facet_counts
            .get(Facet::root())
            .filter_map(|(facet, count)| facet.to_path().last().map(|id| ((*id).to_owned(), count)))
            .collect();
        let ranked = if query.limit == 0 { Vec::new() } else { self.ranked(&searcher, &*tantivy_query, query)? };
        let hits = ranked
            .into_iter()
            .map(|(score, address)| self.hit(&searcher.doc(address).map_err(backend)?, score))
            .collect::<Result<_, _>>()?;
        Ok(SearchResults { hits, facets, total: total as u64 })
    }

    /// `(score, address)` of the hits wanted: by BM25 then popularity, or by popularity alone.
    fn ranked(
        &self,
        searcher: &tantivy::Searcher,
        tantivy_query: &dyn Query,
        query: &SearchQuery,
    ) -> Result<Vec<(f32, DocAddress)>, SearchError> {
        let top = TopDocs::with_limit(query.limit).and_offset(query.offset);
        if query.is_browse() {
            let by_popularity = top.order_by_fast_field::<u64>(POPULARITY, Order::Desc);
            let ranked = searcher.search(tantivy_query, &by_popularity).map_err(backend)?;
            return Ok(ranked.into_iter().map(|(_, address)| (0.0, address)).collect());
        }
        let by_score_then_popularity = top.tweak_score(|segment: &SegmentReader| {
            let popularity: Option<Arc<dyn ColumnValues<u64>>> =
                segment.fast_fields().u64(POPULARITY).ok().map(|column| column.first_or_default_col(0));
            move |doc, score| (score, popularity.as_ref().map_or(0, |column| column.get_val(doc)))
        });
        let ranked = searcher.search(tantivy_query, &by_score_then_popularity).map_err(backend)?;
        Ok(ranked.into_iter().map(|((score, _), address)| (score, address)).collect())
    }
}

#[async_trait]
impl SearchIndex for TantivySearchIndex {
    async fn index(&self, documents: Vec<SearchDocument>) -> Result<(), SearchError> {
        for document in &documents {
            document.validate()?;
        }
        let writer = self.writer()?;
        for document in &documents {
            writer.delete_term(self.key(document.kind, &document.id));
            writer.add_document(self.to_tantivy(document)).map_err(backend)?;
        }
        Ok(())
    }

    async fn remove(&self, kind: DocumentKind, id: &str) -> Result<(), SearchError> {
        self.writer()?.delete_term(self.key(kind, id));
        Ok(())
    }

    async fn commit(&self) -> Result<(), SearchError> {
        self.writer()?.commit().map_err(backend)?;
        self.reader.reload().map_err(backend)
    }

    async fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        self.run(query)
    }

    async fn document_ids(&self, kind: DocumentKind) -> Result<Vec<String>, SearchError> {
        let searcher = self.reader.searcher();
        let of_kind = TermQuery::new(Term::from_field_text(self.fields.kind, kind.as_str()), IndexRecordOption::Basic);
        let addresses = searcher.search(&of_kind, &DocSetCollector).map_err(backend)?;
        let mut ids = Vec::with_capacity(addresses.len());
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address).map_err(backend)?;
            ids.push(doc.get_first(self.fields.id).and_then(|v| v.as_str()).unwrap_or_default().to_owned());
        }
        Ok(ids)
    }
}
