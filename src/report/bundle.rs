//! The reviewers' report as one structure: sections of tables and heatmaps, in reading order, built from a
//! comparison. The HTML, Markdown, CSV and XLSX writers all render this; none of them computes anything.

use std::collections::{BTreeMap, HashSet};

use super::method;
use super::table::Table;
use super::views::{self, PairPart};
use crate::analysis::distinguish::Distinction;
use crate::analysis::hub::Hub;
use crate::analysis::pathways::Pathways;
use crate::analysis::{Comparison, Matrix, Pair, Params};
use crate::model::Catalog;

/// What kind of table a table is: decides its documentation in `csv/README.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Overview,
    Summary,
    VerdictMatrix,
    Verdicts,
    CurriculumMatrix,
    ModuleSimilarity,
    ModuleJaccard,
    Domains,
    Coverage,
    Reviewed,
    Matches,
    Unmatched,
    Gate,
    Sensitivity,
    TopUp,
    Provenance,
    Params,
    CriticalDomains,
    Pathways,
    Hub,
    Distinction,
}

impl Kind {
    /// A heading and what the columns mean.
    pub fn doc(self) -> (&'static str, &'static str) {
        match self {
            Kind::Overview => (
                "In brief",
                "First column: what is stated; second: the finding. `shared word for word`: module pairs whose outcomes are the same texts both ways, and how many outcomes of the second curriculum are identical in the first. `modules only in X`: modules with no identical counterpart, each with the other curriculum's most similar module and its module similarity (0–1). Then up to three domains whose competencies differ, critical domains first: the competency ids only one curriculum has, or their count.",
            ),
            Kind::Summary => (
                "Side by side",
                "First column: the fact (title, population, settings, award, credits, levels, modules, outcomes, source). One further column per curriculum id.",
            ),
            Kind::VerdictMatrix => (
                "Answer at a glance",
                "First column: the curriculum a practitioner holds (row); one column per curriculum to move to. Each cell: the gate verdict (equivalent / top-up / ruled-out, or cannot judge), with the proposed top-up's credits after a top-up; empty on the diagonal.",
            ),
            Kind::Verdicts => (
                "Verdicts",
                "`from`, `to`: curriculum ids (a holder of `from` moving to `to`). `verdict`: equivalent / top-up / ruled-out, or cannot judge when none of `to`'s outcomes is tagged in a critical domain. `coverage`: share (0–1) of `to`'s outcomes that `from` covers. `flagged domains`: critical domain ids flagged. `credits`: top-up estimate (empty when ruled out). `stable`: yes when the verdict holds across the ±20% threshold sweep. `reasons`: the verdict's reasons.",
            ),
            Kind::CurriculumMatrix => (
                "Curriculum × curriculum matrices",
                "First column: row curriculum id; one column per curriculum id; values 0–1. Coverage: share of the column's outcomes the row covers. Jaccard: shared competencies / all competencies of the two. Overlap: shared / the smaller set.",
            ),
            Kind::ModuleSimilarity => (
                "Module similarity",
                "First column: module id of the first curriculum (rows); one column per module id of the second; values 0–1: mean best-match hybrid score of the two modules' outcomes, both directions averaged.",
            ),
            Kind::ModuleJaccard => (
                "Module competency Jaccard",
                "As module similarity, but values are the Jaccard index of the two modules' competency tag sets.",
            ),
            Kind::Domains => (
                "Competencies by domain",
                "`domain`: taxonomy domain id. `critical`: yes when the taxonomy marks it critical. `shared`, `only A`, `only B`: counts of competencies. `jaccard`, `overlap`: 0–1. Last two columns: the competency ids only one side has.",
            ),
            Kind::Coverage => (
                "Coverage",
                "`direction`: `A covers B`. `share`: percentage of B's outcomes covered. `outcomes covered`: count of total. `threshold`: the score at or above which an outcome counts as covered.",
            ),
            Kind::Reviewed => (
                "Reviewed matches",
                "One row per outcome of the second curriculum whose counterpart a reviewer decided (`--mappings`): its id, the counterpart (marked accepted, or the next best after a rejected one), the model's `score`, what the outcome `counts as` now (covered / partial / not covered) and its text.",
            ),
            Kind::Matches => (
                "Best matches",
                "One row per outcome of the second curriculum: its id, the id of its best counterpart in the first, the hybrid `score`, its `text` and `tags` components (tags empty when an outcome has none), and the outcome's text. Outcomes whose counterpart is the same text are counted in the note under the table, not listed.",
            ),
            Kind::Unmatched => (
                "Outcomes with no counterpart",
                "`module`, `outcome`: ids of the uncovered outcome. `best score`, `best candidate`: its best match on the other side (below the threshold). `text`: the outcome's text. `source`: the outcome's source URL.",
            ),
            Kind::Gate => (
                "Gate",
                "One row per critical domain: `critical domain` title; how many outcomes the target `requires` in it; how many are `uncovered`; `difference` (uncovered / required); `flagged` (FLAG at or above the flag threshold); the ids of the `uncovered outcomes`. The note carries the verdict's reasons, facts and thresholds.",
            ),
            Kind::Sensitivity => (
                "Sensitivity",
                "One row per threshold (cover, flag, rule_out, equivalent); columns: the verdict with that threshold scaled by 0.8, 0.9, 1.0, 1.1, 1.2, shown as `verdict (value, N flagged)`.",
            ),
            Kind::TopUp => (
                "Top-up proposal",
                "`proposed module`: id and title (TOPUP- + the target module it draws on), or a supervised-practice row. `credits`: estimate. `uncovered`: uncovered outcomes of the module's total. `outcomes`: their ids. `sources`: their source URLs, space-separated.",
            ),
            Kind::Provenance => (
                "Provenance",
                "One row per curriculum (and the taxonomy): `id`, `title`, the `file` it was read from, the `source` title, `edition`, `url`, the count of `outcomes` and how many cite a source URL.",
            ),
            Kind::Params => (
                "Parameters",
                "`parameter`: name; `value`: the value used; `meaning`: what it decides.",
            ),
            Kind::CriticalDomains => (
                "Critical domains",
                "`domain` id, `title`, number of `competencies`, and the reason the taxonomy gives for marking it critical.",
            ),
            Kind::Pathways => (
                "Pathways",
                "One row per ordered pair: `from`, `to` curriculum ids; the gate `verdict`; `top-up credits` (the size of the gap where the route is ruled out); `coverage` (0–1) of `to` by `from`; the settings needing supervised `practice`; `flagged domains`; `progression` (yes when `to` is of a higher intensity).",
            ),
            Kind::Hub => (
                "Hub and spoke",
                "`hub-shares`: per subset of curricula (`hub of`, the core first) and member, the outcomes and credits a hub of them would replace, with shares; spokes last. `hub-competencies`: per region, the competencies shared by all its members and those only they share. `hub-outcomes`: per region and curriculum, the outcomes only that region shares, with their credits.",
            ),
            Kind::Distinction => (
                "Role distinction",
                "Per pair, three tables. Practitioners: the competencies only one curriculum has (`only in`), their `scope` (setting, population or general), `domain`, `credits` of the outcomes carrying them, those `outcomes` and an example. Services: per module, its `outcomes` and how many carry a distinguishing competency, with their credits. Commissioners: the two roles side by side and the route into each.",
            ),
        }
    }
}

pub enum Block {
    Table(Kind, Table),
    /// A matrix drawn as a heatmap; `table` holds the same numbers for the other formats.
    Heatmap {
        kind: Kind,
        table: Table,
        matrix: Matrix,
        rows: String,
        cols: String,
    },
    /// The pathway map drawn as a graph; `table` holds its edges for the other formats.
    Pathways {
        table: Table,
        graph: Pathways,
    },
}

impl Block {
    pub fn table(&self) -> (Kind, &Table) {
        match self {
            Block::Table(k, t) => (*k, t),
            Block::Heatmap { kind, table, .. } => (*kind, table),
            Block::Pathways { table, .. } => (Kind::Pathways, table),
        }
    }
    fn table_mut(&mut self) -> &mut Table {
        match self {
            Block::Table(_, t) => t,
            Block::Heatmap { table, .. } => table,
            Block::Pathways { table, .. } => table,
        }
    }
}

pub struct Section {
    /// Anchor id, e.g. `pair-cwp-emhp`.
    pub id: String,
    pub title: String,
    /// Sentences shown above the blocks.
    pub intro: Vec<String>,
    pub blocks: Vec<Block>,
}

pub struct Report {
    pub title: String,
    pub ids: Vec<String>,
    pub stamp: Option<String>,
    pub caveat: String,
    pub sections: Vec<Section>,
    pub method: Vec<method::Part>,
}

fn slug(s: &str) -> String {
    s.to_lowercase()
}

pub const CAVEAT: &str = "The shipped curricula are a reconstruction from public university module descriptors and programme pages that describe, and in places quote, the national curricula; they are not the official national curriculum documents, which are not published in full. Learning outcomes are paraphrased, never copied; each cites the public page that supports it. Titles, credits and levels are carried over as facts.";

/// Outcome id → source URL, over every outcome of the catalog.
fn outcome_urls(catalog: &Catalog) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for c in &catalog.curricula {
        for (_, o) in c.outcomes() {
            if let Some(p) = &o.provenance {
                m.entry(o.id.clone()).or_insert_with(|| p.url.clone());
            }
        }
    }
    m
}

/// What the report shows beyond the pairs: the pathway map, the hub of all its curricula (absent when
/// there are too many for their subsets), and each pair's distinction.
pub struct Extras {
    pub pathways: Pathways,
    pub hub: Option<Hub>,
    pub distinctions: Vec<Distinction>,
}

fn pair_section(
    p: &Pair,
    urls: &BTreeMap<String, String>,
    distinction: Option<&Distinction>,
    catalog: &Catalog,
) -> Section {
    let (a, b) = (&p.a.id, &p.b.id);
    let stem = format!("{}-{}", slug(a), slug(b));
    let mut intro = Vec::new();
    for g in [&p.gate_ab, &p.gate_ba] {
        intro.push(format!(
            "{} → {}: {}. {}",
            g.from,
            g.to,
            g.verdict.kind.label(),
            super::wording::reasons(&g.verdict.reasons).join("; ")
        ));
    }
    let blocks: Vec<Block> = views::pair_parts(p, views::Depth::Report { urls })
        .into_iter()
        .map(|(part, table)| {
            let heat = |kind, table, matrix: &Matrix| Block::Heatmap {
                kind,
                table,
                matrix: matrix.clone(),
                rows: format!("{a} modules"),
                cols: format!("{b} modules"),
            };
            match part {
                PairPart::Modules => heat(Kind::ModuleSimilarity, table, &p.modules),
                PairPart::ModuleJaccard => heat(Kind::ModuleJaccard, table, &p.module_sets),
                PairPart::Brief => Block::Table(Kind::Overview, table),
                PairPart::Domains => Block::Table(Kind::Domains, table),
                PairPart::Coverage => Block::Table(Kind::Coverage, table),
                PairPart::Reviewed => Block::Table(Kind::Reviewed, table),
                PairPart::Matches => Block::Table(Kind::Matches, table),
                PairPart::Unmatched => Block::Table(Kind::Unmatched, table),
                PairPart::Gate => Block::Table(Kind::Gate, table),
                PairPart::Sensitivity => Block::Table(Kind::Sensitivity, table),
                PairPart::TopUp => Block::Table(Kind::TopUp, table),
            }
        })
        .collect();
    let mut blocks = blocks;
    if let Some(d) = distinction {
        for mut t in super::distinguish_views::distinguish(d, &catalog.taxonomy) {
            t.name = format!("{stem}-{}", t.name);
            blocks.push(Block::Table(Kind::Distinction, t));
        }
    }
    Section {
        id: format!("pair-{stem}"),
        title: format!("{a} and {b}"),
        intro,
        blocks,
    }
}

impl Report {
    pub fn build(
        c: &Comparison,
        extras: &Extras,
        catalog: &Catalog,
        p: &Params,
        stamp: Option<String>,
    ) -> Report {
        let ids: Vec<String> = c.curricula.iter().map(|s| s.id.clone()).collect();
        let urls = outcome_urls(catalog);
        let heat = |name: &str, title: &str, m: &Matrix, note: &str| Block::Heatmap {
            kind: Kind::CurriculumMatrix,
            table: views::matrix(name.into(), title.into(), m, note),
            matrix: m.clone(),
            rows: "curriculum (row)".into(),
            cols: "curriculum (column)".into(),
        };
        let mut summary = views::summary(&c.curricula);
        summary.name = "curricula-summary".into();
        let mut sections = vec![Section {
            id: "overview".into(),
            title: "Overview".into(),
            intro: vec![],
            blocks: vec![
                Block::Table(
                    Kind::VerdictMatrix,
                    views::verdict_matrix("verdict-matrix".into(), c),
                ),
                Block::Table(Kind::Summary, summary),
                Block::Table(Kind::Verdicts, views::verdicts("verdicts".into(), c)),
                heat(
                    "curricula-coverage",
                    "Coverage: share of the column's outcomes the row covers",
                    &c.coverage,
                    "Row covers column at the coverage threshold.",
                ),
                heat(
                    "curricula-jaccard",
                    "Competency Jaccard",
                    &c.jaccard,
                    "Shared competencies / all competencies of the two.",
                ),
                heat(
                    "curricula-overlap",
                    "Competency overlap coefficient",
                    &c.overlap,
                    "Shared competencies / the smaller set.",
                ),
            ],
        }];
        sections.push(Section {
            id: "pathways".into(),
            title: "Pathways".into(),
            intro: vec![],
            blocks: vec![Block::Pathways {
                table: super::pathways_views::table(&extras.pathways),
                graph: extras.pathways.clone(),
            }],
        });
        if let Some(h) = &extras.hub {
            sections.push(Section {
                id: "hub".into(),
                title: "Hub and spoke".into(),
                intro: vec![super::hub_views::verdict(h)],
                blocks: super::hub_views::hub(h)
                    .into_iter()
                    .map(|t| Block::Table(Kind::Hub, t))
                    .collect(),
            });
        }
        sections.extend(c.pairs.iter().map(|p| {
            let d = extras
                .distinctions
                .iter()
                .find(|d| d.a.curriculum == p.a.id && d.b.curriculum == p.b.id);
            pair_section(p, &urls, d, catalog)
        }));
        sections.push(Section {
            id: "sources".into(),
            title: "Sources and parameters".into(),
            intro: vec![CAVEAT.into()],
            blocks: vec![
                Block::Table(
                    Kind::Provenance,
                    views::provenance("provenance".into(), catalog, &ids),
                ),
                Block::Table(Kind::Params, views::params("parameters".into(), p)),
                Block::Table(
                    Kind::CriticalDomains,
                    views::critical_domains("critical-domains".into(), catalog),
                ),
            ],
        });
        // Names become file and sheet names: keep them to safe characters and unique.
        let mut seen = HashSet::new();
        for s in &mut sections {
            for b in &mut s.blocks {
                let t = b.table_mut();
                let base: String = t
                    .name
                    .chars()
                    .map(|ch| {
                        if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
                            ch.to_ascii_lowercase()
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let mut name = base.clone();
                let mut n = 2;
                while !seen.insert(name.clone()) {
                    name = format!("{base}-{n}");
                    n += 1;
                }
                t.name = name;
            }
        }
        Report {
            title: format!("Curriculum overlap: {}", ids.join(", ")),
            ids,
            stamp,
            caveat: CAVEAT.into(),
            sections,
            method: method::method(p, catalog),
        }
    }

    /// Every table in reading order.
    pub fn tables(&self) -> Vec<(Kind, &Table)> {
        self.sections
            .iter()
            .flat_map(|s| s.blocks.iter().map(Block::table))
            .collect()
    }
}
