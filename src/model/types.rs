//! The shared competency model: what every analysis reads. Built only through `model::build`.

use serde::{Deserialize, Serialize};

/// JSON output leaves absent values out; the prebuilt catalog's compact encoding writes every field (it has
/// no field names to tell a missing one by), so while it is written nothing is omitted.
fn omitted<T>(value: &Option<T>) -> bool {
    value.is_none() && !super::prebuilt::writing_compact()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    #[serde(skip_serializing_if = "omitted")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "omitted")]
    pub edition: Option<String>,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub id: String,
    pub text: String,
    /// Competency ids (`domain.competency`).
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "omitted")]
    pub provenance: Option<Provenance>,
    pub derived_from_aims: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Module {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "omitted")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "omitted")]
    pub credits: Option<u32>,
    pub levels: Vec<u32>,
    #[serde(skip_serializing_if = "omitted")]
    pub aims: Option<String>,
    /// The module this one is the same as; its outcomes are then that module's.
    #[serde(skip_serializing_if = "omitted")]
    pub same_as: Option<String>,
    #[serde(skip_serializing_if = "omitted")]
    pub source: Option<Provenance>,
    pub outcomes: Vec<Outcome>,
}

/// The id of the module `id` is the same as, among `modules` (`id` itself when it is the same as none):
/// modules two curricula share (CWP-1 and EMHP-1) are one answer wherever modules are compared.
pub fn same_module<'a>(mut modules: impl Iterator<Item = &'a Module>, id: &str) -> String {
    modules
        .find(|m| m.id == id)
        .and_then(|m| m.same_as.clone())
        .unwrap_or_else(|| id.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Intensity {
    Low,
    High,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Curriculum {
    pub id: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub population: Vec<String>,
    pub settings: Vec<String>,
    #[serde(skip_serializing_if = "omitted")]
    pub intensity: Option<Intensity>,
    #[serde(skip_serializing_if = "omitted")]
    pub award: Option<String>,
    pub credits: u32,
    pub levels: Vec<u32>,
    #[serde(skip_serializing_if = "omitted")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "omitted")]
    pub source: Option<Provenance>,
    pub modules: Vec<Module>,
    /// The file it was read from, for provenance in reports.
    pub file: String,
}

impl Curriculum {
    pub fn outcomes(&self) -> impl Iterator<Item = (&Module, &Outcome)> {
        self.modules
            .iter()
            .flat_map(|m| m.outcomes.iter().map(move |o| (m, o)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competency {
    /// Full id, `domain.competency`.
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "omitted")]
    pub description: Option<String>,
    pub population: Vec<String>,
    pub settings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub id: String,
    pub title: String,
    pub critical: bool,
    #[serde(skip_serializing_if = "omitted")]
    pub critical_reason: Option<String>,
    #[serde(skip_serializing_if = "omitted")]
    pub description: Option<String>,
    pub competencies: Vec<Competency>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Taxonomy {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "omitted")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "omitted")]
    pub source: Option<Provenance>,
    pub populations: Vec<Term>,
    pub settings: Vec<Term>,
    pub domains: Vec<Domain>,
}

impl Taxonomy {
    pub fn competency(&self, tag: &str) -> Option<&Competency> {
        let (d, _) = tag.split_once('.')?;
        self.domains
            .iter()
            .find(|x| x.id == d)?
            .competencies
            .iter()
            .find(|c| c.id == tag)
    }
    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id == id)
    }
    pub fn label<'a>(terms: &'a [Term], id: &'a str) -> &'a str {
        terms
            .iter()
            .find(|t| t.id == id)
            .map_or(id, |t| t.label.as_str())
    }
}

/// The domain part of a competency tag.
pub fn domain_of(tag: &str) -> &str {
    tag.split_once('.').map_or(tag, |(d, _)| d)
}

/// Everything loaded together: one taxonomy, the curricula, and modules from module files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Catalog {
    pub taxonomy: Taxonomy,
    pub curricula: Vec<Curriculum>,
    /// Modules from module files (a university's module, a top-up draft), with the file each came from.
    pub loose_modules: Vec<(String, Module)>,
    /// Set when this is exactly the shipped catalog, read prebuilt: the fingerprint of its sources, which
    /// lets the analysis take its fitted text model prebuilt too.
    #[serde(skip)]
    pub prebuilt: Option<u64>,
}
