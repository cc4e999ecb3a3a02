//! The outcomes under analysis, each with what the similarity seam needs: its TF-IDF vector, its embedding
//! (when the method reads meaning), its tags and the populations its competencies are scoped to.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::embed::{Embedder, Embedding};
use super::params::Method;
use super::prebuilt::{sorted_map, sorted_set};
use super::text::{SparseVec, TfIdf, terms};
use crate::model::{Catalog, Curriculum, Module, domain_of};

fn lexical() -> Method {
    Method::Lexical
}

/// One outcome as the engine sees it.
#[derive(Debug, Clone)]
pub struct Item {
    pub curriculum: String,
    pub module: String,
    pub outcome: String,
    pub text: String,
    pub tags: BTreeSet<String>,
    pub domains: BTreeSet<String>,
    pub url: Option<String>,
    pub vec: SparseVec,
    pub emb: Option<Embedding>,
    /// The populations this outcome's competence is for; `None` when it is population-neutral or unknown.
    pub scope: Option<BTreeSet<String>>,
    /// What its competency tags mean: their titles and descriptions from the taxonomy, as one text, with its
    /// vector and embedding. Lets an untagged outcome meet what a tagged one stands for, not only its words.
    pub gloss: Option<Gloss>,
    /// Weight of this item when shares are counted (aims paragraphs count less than outcomes).
    pub weight: f64,
    /// Marked `derived from aims` in its spec, or an aims sentence of a descriptor.
    pub from_aims: bool,
}

#[derive(Debug, Clone)]
pub struct Gloss {
    pub text: String,
    pub vec: SparseVec,
    pub emb: Option<Embedding>,
}

/// A fitted text model: every outcome of the catalog plus any extra texts, so scores do not depend on which
/// curricula happen to be compared together.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Corpus {
    pub tfidf: TfIdf,
    #[serde(skip, default = "lexical")]
    pub method: Method,
    /// The vector of every text the model was fitted on, so an outcome is tokenised once, at fit time.
    #[serde(with = "sorted_map")]
    vectors: HashMap<String, SparseVec>,
    /// Filled by [`Corpus::embed`], from the embedding cache or the model; never prebuilt.
    #[serde(skip)]
    embeddings: HashMap<String, Embedding>,
    /// Competency id → the populations the taxonomy scopes it to (population-neutral ones are absent).
    #[serde(with = "sorted_map")]
    scopes: HashMap<String, Vec<String>>,
    /// Competencies the loaded curricula teach to populations with nothing in common (adults and children):
    /// population-neutral by use, e.g. values, records, supervision, limits of competence.
    #[serde(with = "sorted_set")]
    neutral: std::collections::HashSet<String>,
    /// Curriculum id → the populations it trains for.
    #[serde(with = "sorted_map")]
    populations: HashMap<String, BTreeSet<String>>,
    /// Curriculum id → the words that mark its population (see [`markers`]).
    #[serde(with = "sorted_map")]
    markers: HashMap<String, BTreeSet<String>>,
    /// Curriculum id → those of its markers that name one of its populations (the words of the population's
    /// id in the taxonomy: "adult", "child", "parent", "school"): an outcome using one names who it is for.
    #[serde(with = "sorted_map")]
    names: HashMap<String, BTreeSet<String>>,
    /// Curriculum id → for each of its outcomes whose scope depends on it (tagged only with competencies
    /// neutral by use), whether the text uses one of its `names`: found when the words are fitted, so
    /// building the items of a prebuilt corpus stems nothing.
    #[serde(with = "sorted_map")]
    naming: HashMap<String, BTreeMap<String, bool>>,
    /// Competency id → "title: description".
    #[serde(with = "sorted_map")]
    glosses: HashMap<String, String>,
    /// Whether items carry glosses (some outcome under analysis is untagged).
    glossing: bool,
}

impl Corpus {
    /// Fits the lexical model on every outcome of `catalog` and `extra`, and (with the meaning method)
    /// embeds them; shipped texts come from the embedding cache.
    pub fn fit(catalog: &Catalog, extra: &[String], method: Method) -> Result<Corpus, String> {
        let prebuilt = if extra.is_empty() {
            super::prebuilt::corpus(catalog)
        } else {
            None
        };
        let mut corpus = match prebuilt {
            Some(c) => c,
            None => Corpus::fit_words(catalog, extra),
        };
        corpus.method = method;
        let mut all: Vec<&str> = catalog
            .curricula
            .iter()
            .flat_map(|c| c.outcomes())
            .map(|(_, o)| o.text.as_str())
            .chain(extra.iter().map(String::as_str))
            .collect();
        let glosses = corpus.glosses_of(catalog);
        all.extend(glosses.iter().map(String::as_str));
        corpus.embed(&all)?;
        Ok(corpus)
    }

    /// Everything [`Corpus::fit`] makes but the embeddings, computed afresh (never prebuilt).
    pub fn fit_words(catalog: &Catalog, extra: &[String]) -> Corpus {
        let texts: Vec<&str> = catalog
            .curricula
            .iter()
            .flat_map(|c| c.modules.iter().flat_map(|m| m.outcomes.iter()))
            .map(|o| o.text.as_str())
            .chain(extra.iter().map(String::as_str))
            .collect();
        let docs: Vec<Vec<String>> = texts.iter().map(|t| terms(t)).collect();
        let tfidf = TfIdf::fit(docs.iter().map(Vec::as_slice));
        let vectors = texts
            .iter()
            .zip(&docs)
            .map(|(t, d)| (t.to_string(), tfidf.vector(d)))
            .collect();
        let mut corpus = Corpus {
            tfidf,
            method: Method::Lexical,
            vectors,
            embeddings: HashMap::new(),
            neutral: Default::default(),
            glossing: false,
            glosses: catalog
                .taxonomy
                .domains
                .iter()
                .flat_map(|d| &d.competencies)
                .map(|c| {
                    let text = match &c.description {
                        Some(d) => format!("{}: {d}", c.title),
                        None => c.title.clone(),
                    };
                    (c.id.clone(), text)
                })
                .collect(),
            populations: HashMap::new(),
            markers: markers(&catalog.curricula.iter().collect::<Vec<_>>()),
            names: HashMap::new(),
            naming: HashMap::new(),
            scopes: catalog
                .taxonomy
                .domains
                .iter()
                .flat_map(|d| &d.competencies)
                .filter(|c| !c.population.is_empty())
                .map(|c| (c.id.clone(), c.population.clone()))
                .collect(),
        };
        corpus.names = catalog
            .curricula
            .iter()
            .map(|c| {
                let named: BTreeSet<String> = c
                    .population
                    .iter()
                    .flat_map(|p| super::text::words(&p.replace('-', " ")))
                    .collect();
                let m = &corpus.markers[&c.id];
                (c.id.clone(), named.intersection(m).cloned().collect())
            })
            .collect();
        corpus.populations = catalog
            .curricula
            .iter()
            .map(|c| (c.id.clone(), c.population.iter().cloned().collect()))
            .collect();
        // Per competency, the population sets of the curricula that teach it; neutral when they share none.
        let mut users: HashMap<&str, Vec<&BTreeSet<String>>> = HashMap::new();
        for c in &catalog.curricula {
            let pop = &corpus.populations[&c.id];
            for (_, o) in c.outcomes() {
                for t in &o.tags {
                    users.entry(t.as_str()).or_default().push(pop);
                }
            }
        }
        corpus.neutral = users
            .into_iter()
            .filter(|(_, pops)| {
                let mut common: Option<BTreeSet<String>> = None;
                for p in pops {
                    common = Some(match common {
                        None => (*p).clone(),
                        Some(c) => c.intersection(p).cloned().collect(),
                    });
                }
                common.is_some_and(|c| c.is_empty())
            })
            .map(|(t, _)| t.to_string())
            .collect();
        for c in &catalog.curricula {
            let mut texts = BTreeMap::new();
            for (_, o) in c.outcomes() {
                let tags: BTreeSet<String> = o.tags.iter().cloned().collect();
                if corpus.names_matter(&tags) {
                    texts.insert(o.text.clone(), corpus.uses_name(&c.id, &o.text));
                }
            }
            corpus.naming.insert(c.id.clone(), texts);
        }
        // Glosses only ever score an untagged outcome against a tagged one: prepare them only when some
        // outcome is untagged (extra texts are a university module's).
        corpus.glossing = !extra.is_empty()
            || catalog
                .curricula
                .iter()
                .flat_map(|c| c.outcomes())
                .any(|(_, o)| o.tags.is_empty());
        let glosses = corpus.glosses_of(catalog);
        // Glosses repeat across outcomes: tokenise each once, here, not at every item.
        for g in &glosses {
            if !corpus.vectors.contains_key(g) {
                let v = corpus.tfidf.vector(&terms(g));
                corpus.vectors.insert(g.clone(), v);
            }
        }
        corpus
    }

    /// The gloss of every outcome of `catalog`, when items carry glosses (else none).
    fn glosses_of(&self, catalog: &Catalog) -> Vec<String> {
        if !self.glossing {
            return Vec::new();
        }
        catalog
            .curricula
            .iter()
            .flat_map(|c| c.outcomes().filter_map(|(_, o)| self.gloss_text(&o.tags)))
            .collect()
    }

    /// Every text a fit of `catalog` embeds: its outcomes and their glosses, sorted and distinct. The
    /// embedding cache holds these for the shipped catalog.
    pub fn texts_to_embed(catalog: &Catalog) -> Result<Vec<String>, String> {
        let corpus = Corpus::fit_words(catalog, &[]);
        let mut texts: Vec<String> = catalog
            .curricula
            .iter()
            .flat_map(|c| c.outcomes())
            .flat_map(|(_, o)| std::iter::once(o.text.clone()).chain(corpus.gloss_text(&o.tags)))
            .collect();
        texts.sort_unstable();
        texts.dedup();
        Ok(texts)
    }

    /// Embeds texts not yet embedded (no-op with the lexical method).
    pub fn embed(&mut self, texts: &[&str]) -> Result<(), String> {
        if self.method != Method::Meaning {
            return Ok(());
        }
        let todo: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| !self.embeddings.contains_key(*t))
            .collect();
        let embs = Embedder::shared().embed(&todo)?;
        for (t, e) in todo.into_iter().zip(embs) {
            self.embeddings.insert(t.to_string(), e);
        }
        Ok(())
    }

    /// The TF-IDF vector of a text: from the fit when the text was part of it, else computed.
    pub fn vector(&self, text: &str) -> SparseVec {
        match self.vectors.get(text) {
            Some(v) => v.clone(),
            None => self.tfidf.vector(&terms(text)),
        }
    }

    /// The populations a set of competency tags is scoped to; `None` if no tag is population-scoped.
    pub fn scope_of<'t>(
        &self,
        tags: impl IntoIterator<Item = &'t String>,
    ) -> Option<BTreeSet<String>> {
        let s: BTreeSet<String> = tags
            .into_iter()
            .filter_map(|t| self.scopes.get(t))
            .flatten()
            .cloned()
            .collect();
        (!s.is_empty()).then_some(s)
    }

    /// The words that mark the population of a loaded curriculum (empty for an unknown id).
    pub fn markers(&self, curriculum: &str) -> Option<&BTreeSet<String>> {
        self.markers.get(curriculum)
    }

    /// Those of a curriculum's markers that name one of its populations ("adult", "children", "school").
    pub fn names(&self, curriculum: &str) -> Option<&BTreeSet<String>> {
        self.names.get(curriculum)
    }

    /// The populations an outcome's competence is for: the taxonomy's scope of its competencies when one is
    /// scoped; else, unless one of its competencies is population-neutral by use, the populations of its
    /// curriculum; `None` (neutral) for neutral competencies and for untagged outcomes. A neutral competency
    /// taught in an outcome that names its curriculum's population ("adults' use of self-help") is scoped all
    /// the same: the outcome, not only its competency, is written for someone.
    fn outcome_scope(
        &self,
        curriculum: &str,
        tags: &BTreeSet<String>,
        text: &str,
    ) -> Option<BTreeSet<String>> {
        if tags.is_empty() {
            return None;
        }
        if let Some(s) = self.scope_of(tags) {
            return Some(s);
        }
        if self.names_matter(tags) {
            let named = self
                .naming
                .get(curriculum)
                .and_then(|t| t.get(text).copied())
                .unwrap_or_else(|| self.uses_name(curriculum, text));
            if !named {
                return None;
            }
        }
        self.populations
            .get(curriculum)
            .filter(|p| !p.is_empty())
            .cloned()
    }

    /// Whether an outcome with these tags takes its scope from naming its population: tagged, with no
    /// population-scoped competency, and with one neutral by use.
    fn names_matter(&self, tags: &BTreeSet<String>) -> bool {
        !tags.is_empty()
            && self.scope_of(tags).is_none()
            && tags.iter().any(|t| self.neutral.contains(t))
    }

    /// Whether `text` uses a word naming one of `curriculum`'s populations.
    fn uses_name(&self, curriculum: &str, text: &str) -> bool {
        self.names
            .get(curriculum)
            .is_some_and(|m| super::text::words(text).iter().any(|w| m.contains(w)))
    }

    /// The gloss of a set of tags: each known competency's title and description, in tag order.
    pub fn gloss_text(&self, tags: &[String]) -> Option<String> {
        let parts: Vec<&str> = tags
            .iter()
            .filter_map(|t| self.glosses.get(t).map(String::as_str))
            .collect();
        (!parts.is_empty()).then(|| parts.join(". "))
    }

    pub fn item(&self, curriculum: &str, module: &Module, o: &crate::model::Outcome) -> Item {
        let tags: BTreeSet<String> = o.tags.iter().cloned().collect();
        Item {
            curriculum: curriculum.to_string(),
            module: module.id.clone(),
            outcome: o.id.clone(),
            text: o.text.clone(),
            domains: tags.iter().map(|t| domain_of(t).to_string()).collect(),
            scope: self.outcome_scope(curriculum, &tags, &o.text),
            tags,
            url: o.provenance.as_ref().map(|p| p.url.clone()),
            vec: self.vector(&o.text),
            emb: self.embeddings.get(&o.text).cloned(),
            gloss: self
                .glossing
                .then(|| self.gloss_text(&o.tags))
                .flatten()
                .map(|text| Gloss {
                    vec: self.vector(&text),
                    emb: self.embeddings.get(&text).cloned(),
                    text,
                }),
            weight: 1.0,
            from_aims: o.derived_from_aims,
        }
    }

    /// The items of a curriculum, module by module, in file order.
    pub fn side(&self, c: &Curriculum) -> Side {
        let mut items = Vec::new();
        let mut modules = Vec::new();
        for m in &c.modules {
            let start = items.len();
            items.extend(m.outcomes.iter().map(|o| self.item(&c.id, m, o)));
            modules.push(SideModule {
                id: m.id.clone(),
                title: m.title.clone(),
                credits: m.credits,
                range: start..items.len(),
            });
        }
        Side {
            id: c.id.clone(),
            items,
            modules,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SideModule {
    pub id: String,
    pub title: String,
    pub credits: Option<u32>,
    pub range: std::ops::Range<usize>,
}

/// One side of a comparison: a curriculum's outcomes and its modules as ranges over them.
#[derive(Debug, Clone)]
pub struct Side {
    pub id: String,
    pub items: Vec<Item>,
    pub modules: Vec<SideModule>,
}

/// Words that mark each curriculum's population: in at least a tenth of its outcomes and in none of the
/// outcomes of curricula for populations it shares nothing with ("child", "school" against "adult").
fn markers(all: &[&Curriculum]) -> HashMap<String, BTreeSet<String>> {
    // Per curriculum, the document frequency of each word over its outcomes and the number of outcomes.
    let counts: Vec<(HashMap<String, usize>, usize)> = all
        .iter()
        .map(|c| {
            let mut df: HashMap<String, usize> = HashMap::new();
            let mut n = 0;
            for (_, o) in c.outcomes() {
                n += 1;
                let ws: BTreeSet<String> = super::text::words(&o.text).into_iter().collect();
                for w in ws {
                    *df.entry(w).or_default() += 1;
                }
            }
            (df, n.max(1))
        })
        .collect();
    (0..all.len())
        .map(|k| {
            let apart = |j: usize| {
                all[j]
                    .population
                    .iter()
                    .all(|p| !all[k].population.contains(p))
            };
            let (own, n) = &counts[k];
            let words = own
                .iter()
                .filter(|(w, f)| {
                    *f * 10 >= *n
                        && !(0..all.len()).any(|j| apart(j) && counts[j].0.contains_key(*w))
                })
                .map(|(w, _)| w.clone())
                .collect();
            (all[k].id.clone(), words)
        })
        .collect()
}
