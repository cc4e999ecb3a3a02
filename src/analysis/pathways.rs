//! Career pathways: the curricula as nodes and, for every ordered pair, the gate verdict and the top-up a
//! holder of one would need to practise as the other — the same `Engine::pair` that `overlap topup A B` reads.

use serde::Serialize;

use super::Pair;
use super::gate::VerdictKind;
use crate::model::{Curriculum, Intensity};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub id: String,
    pub title: String,
    pub population: Vec<String>,
    pub settings: Vec<String>,
    pub intensity: Option<Intensity>,
    pub credits: u32,
}

/// A holder of `from` moving to `to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub verdict: VerdictKind,
    /// Credits of the proposed top-up (B's outcomes A does not cover, by module); shown as a route only when
    /// the verdict is a top-up, and as the size of the gap otherwise.
    pub topup_credits: u64,
    /// Settings of `to` that `from` does not work in: supervised practice there belongs to any route.
    pub practice: Vec<String>,
    /// Share of `to`'s outcomes `from` covers.
    pub coverage: f64,
    pub flagged_domains: Vec<String>,
    /// `to` is of a higher intensity than `from` (low → high): a progression rather than a sideways move.
    pub progression: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pathways {
    pub nodes: Vec<Node>,
    /// Both directions of every pair, in the order of the curricula.
    pub edges: Vec<Edge>,
}

fn rank(i: Option<Intensity>) -> Option<u8> {
    i.map(|i| match i {
        Intensity::Low => 0,
        Intensity::High => 1,
    })
}

/// Moving from `from` to `to` is a progression: `to` is of a higher intensity (low → high).
pub fn progression(from: &Curriculum, to: &Curriculum) -> bool {
    matches!((rank(from.intensity), rank(to.intensity)), (Some(x), Some(y)) if y > x)
}

impl super::Engine<'_> {
    pub fn pathways(&self, list: &[&Curriculum]) -> Pathways {
        let mut pairs = Vec::new();
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                pairs.push(self.pair(a, b));
            }
        }
        of_pairs(list, &pairs)
    }
}

/// The map of `list` from its measured pairs (as `Engine::compare` returns them): both directions of each.
pub fn of_pairs(list: &[&Curriculum], pairs: &[Pair]) -> Pathways {
    let find = |id: &str| list.iter().find(|c| c.id == id);
    let mut edges = Vec::new();
    for pair in pairs {
        let (Some(a), Some(b)) = (find(&pair.a.id), find(&pair.b.id)) else {
            continue;
        };
        for (from, to, gate, topup) in [
            (a, b, &pair.gate_ab, &pair.topup_ab),
            (b, a, &pair.gate_ba, &pair.topup_ba),
        ] {
            edges.push(Edge {
                from: from.id.clone(),
                to: to.id.clone(),
                verdict: gate.verdict.kind,
                topup_credits: topup.credits,
                practice: topup.practice.iter().map(|p| p.setting.clone()).collect(),
                coverage: gate.coverage,
                flagged_domains: gate.verdict.flagged_domains.clone(),
                progression: progression(from, to),
            });
        }
    }
    Pathways {
        nodes: list
            .iter()
            .map(|c| Node {
                id: c.id.clone(),
                title: c.title.clone(),
                population: c.population.clone(),
                settings: c.settings.clone(),
                intensity: c.intensity,
                credits: c.credits,
            })
            .collect(),
        edges,
    }
}
