//! The text model of the shipped catalog fitted ahead of time: `prebuilt/corpus.bin` holds the corpus
//! [`Corpus::fit`] makes of the shipped curricula (vocabulary, idf, every outcome's vector, scopes,
//! population words), behind the fingerprint of the sources it was fitted on. Embeddings are not in it:
//! they come from the embedding cache. Rebuilt with `cargo run --example prebuild`; a test proves it
//! equals a fresh fit.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::Hash;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::corpus::Corpus;
use crate::model::Catalog;
use crate::model::prebuilt::{decode, encode};

static CORPUS: &[u8] = include_bytes!("../../prebuilt/corpus.bin");

/// The prebuilt corpus when `catalog` is the prebuilt shipped catalog and the file is current.
pub fn corpus(catalog: &Catalog) -> Option<Corpus> {
    let mut c: Corpus = decode(CORPUS, catalog.prebuilt?)?;
    c.tfidf.reindex();
    Some(c)
}

/// Hash maps written in key order, so the same data always makes the same bytes.
pub mod sorted_map {
    use super::*;

    pub fn serialize<K: Ord + Serialize, V: Serialize, S: Serializer>(
        m: &HashMap<K, V>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        m.iter().collect::<BTreeMap<_, _>>().serialize(s)
    }

    pub fn deserialize<'de, K, V, D>(d: D) -> Result<HashMap<K, V>, D::Error>
    where
        K: Eq + Hash + Ord + Deserialize<'de>,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Ok(BTreeMap::<K, V>::deserialize(d)?.into_iter().collect())
    }
}

/// Hash sets written in order, like [`sorted_map`].
pub mod sorted_set {
    use super::*;

    pub fn serialize<T: Ord + Serialize, S: Serializer>(
        m: &HashSet<T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        m.iter().collect::<BTreeSet<_>>().serialize(s)
    }

    pub fn deserialize<'de, T, D>(d: D) -> Result<HashSet<T>, D::Error>
    where
        T: Eq + Hash + Ord + Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Ok(BTreeSet::<T>::deserialize(d)?.into_iter().collect())
    }
}

/// The bytes of `prebuilt/catalog.bin` and `prebuilt/corpus.bin` as the current sources make them.
pub fn build() -> Result<(Vec<u8>, Vec<u8>), String> {
    let fp = crate::model::prebuilt::shipped_fingerprint();
    let ws = crate::model::LoadSet::shipped()
        .parse()
        .map_err(|e| e.render(false))?;
    let corpus = Corpus::fit_words(&ws.catalog, &[]);
    let catalog = encode(fp, &(&ws.catalog, &ws.taxonomy_file))?;
    Ok((catalog, encode(fp, &corpus)?))
}

/// Whether the committed files are what [`build`] makes now.
pub fn current() -> Result<bool, String> {
    let (catalog, corpus) = build()?;
    Ok(catalog == crate::model::prebuilt::CATALOG && corpus == CORPUS)
}
