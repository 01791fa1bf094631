//! Per-language analyzers: tokenizer names, their registration and query-side term extraction.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
    TokenizerManager,
};
use tantivy_jieba::JiebaTokenizer;
use vitrina_core::knowledge::KnowledgeLocale;

/// Tokens longer than this many bytes are dropped (URLs, hashes).
const MAX_TOKEN_BYTES: usize = 64;

/// Name under which the analyzer of `locale` is registered.
pub(crate) fn tokenizer_name(locale: KnowledgeLocale) -> &'static str {
    match locale {
        KnowledgeLocale::En => "vitrina_en",
        KnowledgeLocale::Ru => "vitrina_ru",
        KnowledgeLocale::Bg => "vitrina_bg",
        KnowledgeLocale::Zh => "vitrina_zh",
    }
}

/// English stop words: Lucene's list plus the question words FAQ searches start with, so
/// "How do I get a refund?" searches for `get refund`, not every article titled "How ...".
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of",
    "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    "how", "what", "when", "where", "which", "who", "why", "do", "does", "did", "can", "i", "me", "my", "you", "your",
    "we", "our",
];

fn stop_words(language: Language) -> StopWordFilter {
    match language {
        Language::English => StopWordFilter::remove(ENGLISH_STOP_WORDS.iter().map(|w| (*w).to_owned())),
        _ => StopWordFilter::new(language).unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new())),
    }
}

fn analyzer(locale: KnowledgeLocale) -> TextAnalyzer {
    let words = || TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES));
    match locale {
        KnowledgeLocale::En => words()
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(stop_words(Language::English))
            .filter(Stemmer::new(Language::English))
            .build(),
        KnowledgeLocale::Ru => words()
            .filter(LowerCaser)
            .filter(stop_words(Language::Russian))
            .filter(Stemmer::new(Language::Russian))
            .build(),
        KnowledgeLocale::Bg => words().filter(LowerCaser).build(),
        KnowledgeLocale::Zh => TextAnalyzer::builder(JiebaTokenizer::new())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .build(),
    }
}

/// Registers the four analyzers on an index's tokenizer manager.
pub(crate) fn register(manager: &TokenizerManager) {
    for locale in KnowledgeLocale::ALL {
        manager.register(tokenizer_name(locale), analyzer(locale));
    }
}

/// The distinct analysed terms of `text` for `locale`, in order; punctuation-only tokens (which jieba
/// emits for `？`, `，`) are skipped.
pub(crate) fn query_terms(manager: &TokenizerManager, locale: KnowledgeLocale, text: &str) -> Vec<String> {
    let mut analyzer = manager.get(tokenizer_name(locale)).unwrap_or_else(|| analyzer(locale));
    let mut stream = analyzer.token_stream(text);
    let mut terms: Vec<String> = Vec::new();
    while let Some(token) = stream.next() {
        if token.text.chars().any(char::is_alphanumeric) && !terms.contains(&token.text) {
            terms.push(token.text.clone());
        }
    }
    terms
}

/// Bulgarian definite articles, longest first, cut before the final vowel.
const BG_ARTICLES: [&str; 8] = ["ите", "ата", "ята", "ото", "ът", "ят", "та", "то"];
/// Final vowels cut from a Bulgarian word to reach the shared prefix of its forms.
const BG_VOWELS: [char; 7] = ['а', 'я', 'о', 'е', 'и', 'у', 'ъ'];
/// A prefix is never cut below this many characters.
const BG_MIN_PREFIX: usize = 3;

/// The prefix a lowercased Bulgarian word is searched by: the word without a definite article and
/// a final vowel (`доставката` -> `доставк`, `поръчки` -> `поръчк`), never shorter than 3 letters.
pub(crate) fn bulgarian_prefix(word: &str) -> &str {
    let long_enough = |s: &str| s.chars().count() >= BG_MIN_PREFIX;
    let mut prefix = word;
    if let Some(cut) = BG_ARTICLES.iter().find_map(|a| prefix.strip_suffix(a)).filter(|s| long_enough(s)) {
        prefix = cut;
    }
    if let Some(cut) = prefix.strip_suffix(BG_VOWELS).filter(|s| long_enough(s)) {
        prefix = cut;
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(locale: KnowledgeLocale, text: &str) -> Vec<String> {
        let manager = TokenizerManager::default();
        register(&manager);
        query_terms(&manager, locale, text)
    }

    #[test]
    fn russian_forms_share_a_stem() {
        assert_eq!(terms(KnowledgeLocale::Ru, "доставка"), terms(KnowledgeLocale::Ru, "доставки"));
        assert_eq!(terms(KnowledgeLocale::Ru, "Доставка"), terms(KnowledgeLocale::Ru, "доставкой"));
    }

    #[test]
    fn english_drops_stop_words_and_stems() {
        assert_eq!(terms(KnowledgeLocale::En, "How long does the delivery take?"), ["long", "deliveri", "take"]);
        assert_eq!(terms(KnowledgeLocale::En, "Refunds"), terms(KnowledgeLocale::En, "refund"));
    }

    #[test]
    fn chinese_is_segmented_and_punctuation_skipped() {
        let t = terms(KnowledgeLocale::Zh, "如何申请退款？");
        assert!(t.contains(&"退款".to_owned()), "{t:?}");
        assert!(!t.iter().any(|w| w == "？"), "{t:?}");
    }

    #[test]
    fn bulgarian_prefix_cuts_article_and_vowel() {
        assert_eq!(bulgarian_prefix("доставката"), "доставк");
        assert_eq!(bulgarian_prefix("доставки"), "доставк");
        assert_eq!(bulgarian_prefix("доставк"), "доставк");
        assert_eq!(bulgarian_prefix("поръчките"), "поръчк");
        assert_eq!(bulgarian_prefix("за"), "за");
        assert_eq!(bulgarian_prefix("ата"), "ата");
        assert_eq!(terms(KnowledgeLocale::Bg, "Връщане на СТОКА"), ["връщане", "на", "стока"]);
    }
}
