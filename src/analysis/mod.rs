//! Analysis: model → numbers. Set and similarity matrices, coverage, top-ups and the gate. Never prints.

pub mod check;
pub mod compare;
pub mod corpus;
pub mod distinguish;
pub mod embed;
pub mod encoder;
pub mod explain;
pub mod extend;
pub mod gate;
pub mod hub;
pub mod mapping;
pub mod overview;
pub mod params;
pub mod pathways;
pub mod prebuilt;
pub mod review;
pub mod scale;
pub mod sets;
pub mod similarity;
pub mod text;
pub mod topup;

use ndarray::Array2;
use serde::Serialize;

pub use compare::{Coverage, Matrix, PairAnalysis};
pub use corpus::{Corpus, Side};
pub use gate::{Gate, Verdict, VerdictKind};
pub use params::Params;
pub use similarity::Score;
pub use topup::TopUp;

use crate::model::{Catalog, Curriculum, Taxonomy};

/// The facts of a curriculum shown side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub population: Vec<String>,
    pub settings: Vec<String>,
    pub intensity: Option<String>,
    pub award: Option<String>,
    pub credits: u32,
    pub levels: Vec<u32>,
    pub modules: usize,
    pub outcomes: usize,
    pub source: Option<String>,
    pub file: String,
}

impl Summary {
    pub fn of(c: &Curriculum) -> Summary {
        Summary {
            id: c.id.clone(),
            title: c.title.clone(),
            population: c.population.clone(),
            settings: c.settings.clone(),
            intensity: c.intensity.map(|i| format!("{i:?}").to_lowercase()),
            award: c.award.clone(),
            credits: c.credits,
            levels: c.levels.clone(),
            modules: c.modules.len(),
            outcomes: c.modules.iter().map(|m| m.outcomes.len()).sum(),
            source: c.source.as_ref().map(|s| s.url.clone()),
            file: c.file.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageShares {
    pub a_covers_b: f64,
    pub b_covers_a: f64,
}

/// Everything about one pair: the JSON of `overlap A B`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    pub a: Summary,
    pub b: Summary,
    pub sets: sets::SetStats,
    pub modules: Matrix,
    pub module_sets: Matrix,
    pub domains: Vec<sets::DomainSets>,
    pub coverage: CoverageShares,
    /// The gate verdict for a holder of A moving to B.
    pub verdict: Verdict,
    pub gate_ab: Gate,
    pub gate_ba: Gate,
    pub topup_ab: TopUp,
    pub topup_ba: TopUp,
    pub a_covers_b: Coverage,
    pub b_covers_a: Coverage,
    /// The pair at a glance: modules shared word for word, identical outcomes, the main differences.
    pub overview: overview::Overview,
}

/// N curricula: pairwise matrices at curriculum level and every pair in full.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub curricula: Vec<Summary>,
    pub jaccard: Matrix,
    pub overlap: Matrix,
    /// Row covers column: share of the column curriculum's outcomes the row curriculum covers.
    pub coverage: Matrix,
    pub pairs: Vec<Pair>,
}

pub struct Engine<'a> {
    pub catalog: &'a Catalog,
    pub corpus: Corpus,
    pub params: Params,
    /// Reviewers' decisions, applied in coverage (empty: the model's proposals stand).
    pub reviews: review::Reviews,
}

/// Differences of population and setting, reported as facts beside the verdict (never deciding it).
fn facts(a: &Curriculum, b: &Curriculum, tax: &Taxonomy) -> Vec<gate::Fact> {
    let labels = |terms: &[crate::model::Term], ids: &[String]| -> Vec<String> {
        ids.iter()
            .map(|i| Taxonomy::label(terms, i).to_string())
            .collect()
    };
    let mut f = Vec::new();
    for (dimension, terms, x, y) in [
        (
            gate::Dimension::Population,
            &tax.populations,
            &a.population,
            &b.population,
        ),
        (
            gate::Dimension::Setting,
            &tax.settings,
            &a.settings,
            &b.settings,
        ),
    ] {
        if x != y {
            f.push(gate::Fact {
                dimension,
                a: a.id.clone(),
                a_labels: labels(terms, x),
                b: b.id.clone(),
                b_labels: labels(terms, y),
            });
        }
    }
    f
}

impl<'a> Engine<'a> {
    /// Fits the text model on the whole catalog; fails only when the embedding model cannot run.
    pub fn new(catalog: &'a Catalog, params: Params) -> Result<Self, String> {
        Ok(Engine {
            catalog,
            corpus: Corpus::fit(catalog, &[], params.method)?,
            params,
            reviews: review::Reviews::default(),
        })
    }

    fn one_way(
        &self,
        a: &Curriculum,
        b: &Curriculum,
        sa: &Side,
        sb: &Side,
        cov: &Coverage,
    ) -> (Gate, TopUp) {
        let tax = &self.catalog.taxonomy;
        let (g, mut t) = gate::gate(sa, sb, cov, tax, &self.params, facts(a, b, tax));
        t.practice = b
            .settings
            .iter()
            .filter(|s| !a.settings.contains(s))
            .map(|s| topup::Practice {
                setting: s.clone(),
                label: Taxonomy::label(&tax.settings, s).to_string(),
            })
            .collect();
        (g, t)
    }

    pub fn pair(&self, a: &Curriculum, b: &Curriculum) -> Pair {
        let (sa, sb) = (self.corpus.side(a), self.corpus.side(b));
        let an = compare::analyse(
            &sa,
            &sb,
            &self.catalog.taxonomy,
            &self.params,
            &self.reviews,
        );
        let (gate_ab, topup_ab) = self.one_way(a, b, &sa, &sb, &an.a_covers_b);
        let (gate_ba, topup_ba) = self.one_way(b, a, &sb, &sa, &an.b_covers_a);
        let overview = overview::overview(
            a,
            b,
            &an.a_covers_b,
            &an.b_covers_a,
            &an.modules,
            &an.domains,
        );
        Pair {
            a: Summary::of(a),
            b: Summary::of(b),
            sets: an.sets,
            modules: an.modules,
            module_sets: an.module_sets,
            domains: an.domains,
            coverage: CoverageShares {
                a_covers_b: an.a_covers_b.share,
                b_covers_a: an.b_covers_a.share,
            },
            verdict: gate_ab.verdict.clone(),
            gate_ab,
            gate_ba,
            topup_ab,
            topup_ba,
            a_covers_b: an.a_covers_b,
            b_covers_a: an.b_covers_a,
            overview,
        }
    }

    pub fn compare(&self, list: &[&Curriculum]) -> Comparison {
        let n = list.len();
        let mut pairs = Vec::new();
        let mut jac = Array2::<f64>::eye(n);
        let mut ovl = Array2::<f64>::eye(n);
        let mut cov = Array2::<f64>::eye(n);
        for i in 0..n {
            for j in i + 1..n {
                let p = self.pair(list[i], list[j]);
                jac[[i, j]] = p.sets.jaccard;
                jac[[j, i]] = p.sets.jaccard;
                ovl[[i, j]] = p.sets.overlap;
                ovl[[j, i]] = p.sets.overlap;
                cov[[i, j]] = p.coverage.a_covers_b;
                cov[[j, i]] = p.coverage.b_covers_a;
                pairs.push(p);
            }
        }
        let ids: Vec<String> = list.iter().map(|c| c.id.clone()).collect();
        Comparison {
            curricula: list.iter().map(|c| Summary::of(c)).collect(),
            jaccard: Matrix::from_array(ids.clone(), ids.clone(), &jac),
            overlap: Matrix::from_array(ids.clone(), ids.clone(), &ovl),
            coverage: Matrix::from_array(ids.clone(), ids, &cov),
            pairs,
        }
    }
}
