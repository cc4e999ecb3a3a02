//! The prebuilt shipped catalog and text model are what a fresh parse and fit make of the sources.

use overlap::analysis::params::Method;
use overlap::analysis::{Corpus, prebuilt};
use overlap::model::LoadSet;

#[test]
fn prebuilt_files_are_current() {
    assert!(
        prebuilt::current().unwrap(),
        "prebuilt/ is stale: run `cargo run --release --example prebuild` and commit prebuilt/"
    );
}

/// The build script hashes the curricula it embeds; the run-time hash of the same texts must agree, or the
/// prebuilt files would be read against the wrong sources.
#[test]
fn the_fingerprint_from_the_build_equals_one_computed_now() {
    use overlap::model::{load::EMBEDDED, prebuilt as model_prebuilt};
    assert_eq!(
        model_prebuilt::shipped_fingerprint(),
        model_prebuilt::fingerprint(EMBEDDED)
    );
    assert_ne!(
        model_prebuilt::fingerprint(&EMBEDDED[1..]),
        model_prebuilt::fingerprint(EMBEDDED)
    );
}

#[test]
fn the_shipped_load_reads_the_prebuilt_catalog_and_it_equals_a_fresh_parse() {
    let fast = LoadSet::shipped().load().unwrap();
    let fresh = LoadSet::shipped().parse().unwrap();
    assert!(
        fast.catalog.prebuilt.is_some(),
        "the prebuilt catalog was not used"
    );
    assert!(fresh.catalog.prebuilt.is_none());
    let mut unmarked = fast.catalog.clone();
    unmarked.prebuilt = None;
    assert_eq!(unmarked, fresh.catalog);
    assert_eq!(fast.taxonomy_file, fresh.taxonomy_file);
    assert_eq!(
        fast.files.iter().map(|f| &f.name).collect::<Vec<_>>(),
        fresh.files.iter().map(|f| &f.name).collect::<Vec<_>>()
    );
}

#[test]
fn the_prebuilt_corpus_equals_a_fresh_fit() {
    let fast = LoadSet::shipped().load().unwrap().catalog;
    let fresh = LoadSet::shipped().parse().unwrap().catalog;
    for method in [Method::Lexical, Method::Meaning] {
        let a = Corpus::fit(&fast, &[], method).unwrap();
        let b = Corpus::fit(&fresh, &[], method).unwrap();
        assert_eq!(a, b, "{method:?}");
    }
}

#[test]
fn a_catalog_that_is_not_the_shipped_one_is_fitted_afresh() {
    let mut ls = LoadSet::shipped();
    ls.dirs = vec!["tests/fixtures/reworded".into()];
    let ws = ls.load().unwrap();
    assert!(ws.catalog.prebuilt.is_none());
    assert!(ws.catalog.find("EMHP-RW").is_ok());
}

/// The CLI does not re-check the prebuilt catalog for outcomes without content words: this test does.
#[test]
fn every_shipped_outcome_has_words_to_compare() {
    let cat = LoadSet::shipped().parse().unwrap().catalog;
    for c in &cat.curricula {
        for (_, o) in c.outcomes() {
            assert!(overlap::analysis::text::has_words(&o.text), "{}", o.id);
        }
    }
}

/// Whether an outcome tagged only with competencies neutral by use names its population is worked out when
/// the words are fitted (and prebuilt); a text the fit never saw is worked out afresh. Both must agree: the
/// same outcome with a trailing space (a text the fit never saw, the same words) gets the same scope.
#[test]
fn an_outcome_gets_the_same_scope_whether_its_naming_was_prebuilt_or_not() {
    let cat = LoadSet::shipped().load().unwrap().catalog;
    let corpus = Corpus::fit(&cat, &[], Method::Lexical).unwrap();
    let mut named_away = 0;
    for c in &cat.curricula {
        for m in &c.modules {
            for o in &m.outcomes {
                let seen = corpus.item(&c.id, m, o);
                let mut unseen = o.clone();
                unseen.text.push(' ');
                assert_eq!(seen.scope, corpus.item(&c.id, m, &unseen).scope, "{}", o.id);
                let mut plain = o.clone();
                plain.text = "Keep accurate records of every contact.".into();
                if seen.scope.is_some() && corpus.item(&c.id, m, &plain).scope.is_none() {
                    named_away += 1;
                }
            }
        }
    }
    assert!(
        named_away > 0,
        "no shipped outcome takes its scope from naming its population"
    );
}
