//! The reviewers' report as one structure: sections of tables and heatmaps, in reading order, built from a
//! comparison. The HTML, Markdown, CSV and XLSX writers all render this; none of them computes anything.

use std::collections::{BTreeMap, HashSet};

pub use super::kind::Kind;
use super::method;
use super::table::Table;
use super::views;
use crate::analysis::distinguish::Distinction;
use crate::analysis::extend::Extension;
use crate::analysis::hub::Hub;
use crate::analysis::pathways::Pathways;
use crate::analysis::{Comparison, Matrix, Pair, Params};
use crate::model::Catalog;

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
/// there are too many for their subsets), each role's extension to the populations it does not serve
/// (exploratory), and each pair's distinction.
pub struct Extras {
    pub pathways: Pathways,
    pub hub: Option<Hub>,
    pub extensions: Vec<Extension>,
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
                Kind::ModuleSimilarity => heat(part, table, &p.modules),
                Kind::ModuleJaccard => heat(part, table, &p.module_sets),
                _ => Block::Table(part, table),
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
        if !extras.extensions.is_empty() {
            sections.push(Section {
                id: "extend".into(),
                title: "Extension to other populations (exploratory)".into(),
                intro: vec![super::extend_views::caveat_all()],
                blocks: super::extend_views::all(&extras.extensions, &catalog.taxonomy)
                    .into_iter()
                    .map(|t| Block::Table(Kind::Extension, t))
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
        let mut listed = HashSet::new();
        sections.push(Section {
            id: "outcomes".into(),
            title: "Outcomes".into(),
            intro: vec![],
            blocks: catalog
                .curricula
                .iter()
                .filter(|cur| ids.contains(&cur.id))
                .map(|cur| Block::Table(Kind::Outcomes, views::outcomes(cur, &mut listed)))
                .collect(),
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
