//! Views of the pathway map: a table of edges, and the graph as Graphviz DOT and Mermaid text. Formatting
//! only; verdicts and credits come from `analysis::pathways`.

use super::table::{Cell, Table};
use crate::analysis::VerdictKind;
use crate::analysis::pathways::{Edge, Pathways};
use crate::printable::printable;

/// What an edge says, in a few words: the route and its size.
pub fn label(e: &Edge) -> String {
    let route = match e.verdict {
        VerdictKind::Equivalent => "equivalent".to_string(),
        VerdictKind::TopUp => format!("top-up {} credits", e.topup_credits),
        VerdictKind::RuledOut => "ruled out".to_string(),
        VerdictKind::CannotJudge => "cannot judge".to_string(),
    };
    if e.progression {
        format!("{route}; progression")
    } else {
        route
    }
}

pub fn table(p: &Pathways) -> Table {
    let mut t = Table::new(
        "pathways",
        "Pathways: a holder of one role moving to another",
        &[
            "from",
            "to",
            "verdict",
            "top-up credits",
            "coverage",
            "practice in",
            "flagged domains",
            "progression",
        ],
    );
    for e in &p.edges {
        t.row(vec![
            e.from.clone().into(),
            e.to.clone().into(),
            e.verdict.label().into(),
            e.topup_credits.into(),
            Cell::score(e.coverage),
            e.practice.join(", ").into(),
            e.flagged_domains.join(", ").into(),
            (if e.progression { "yes" } else { "" }).into(),
        ]);
    }
    t.note("Each row is `overlap topup FROM TO`: the gate verdict for a shortened training and the credits of the top-up it proposes (the size of the gap where the route is ruled out). Progression: the target is of a higher intensity.")
}

/// A DOT or Mermaid string literal's content: printable, quotes and backslashes escaped.
fn quoted(s: &str) -> String {
    printable(s).replace('\\', "\\\\").replace('"', "\\\"")
}

/// The graph in Graphviz DOT: ruled-out edges dashed, top-ups solid, equivalences bold.
pub fn dot(p: &Pathways) -> String {
    let mut s = String::from("digraph pathways {\n  rankdir=LR;\n  node [shape=box];\n");
    for n in &p.nodes {
        s.push_str(&format!(
            "  \"{}\" [label=\"{}\\n{}\"];\n",
            quoted(&n.id),
            quoted(&n.id),
            quoted(&n.title)
        ));
    }
    for e in &p.edges {
        let style = match e.verdict {
            VerdictKind::RuledOut | VerdictKind::CannotJudge => "dashed",
            VerdictKind::TopUp => "solid",
            VerdictKind::Equivalent => "bold",
        };
        s.push_str(&format!(
            "  \"{}\" -> \"{}\" [label=\"{}\", style={style}];\n",
            quoted(&e.from),
            quoted(&e.to),
            quoted(&label(e))
        ));
    }
    s.push_str("}\n");
    s
}

/// A Mermaid node id: the node's place in the list (`n0`, `n1`, …), so no curriculum id can collide or
/// break the syntax.
fn mermaid_id(p: &Pathways, id: &str) -> String {
    format!(
        "n{}",
        p.nodes
            .iter()
            .position(|n| n.id == id)
            .unwrap_or(p.nodes.len())
    )
}

/// The graph as a Mermaid flowchart: ruled-out edges dotted.
pub fn mermaid(p: &Pathways) -> String {
    // Mermaid's entity codes keep quotes and angle brackets from ending a label or reading as markup.
    let text = |s: &str| {
        printable(s)
            .replace('"', "#quot;")
            .replace('<', "#lt;")
            .replace('>', "#gt;")
    };
    let mut s = String::from("flowchart LR\n");
    for n in &p.nodes {
        s.push_str(&format!(
            "  {}[\"{}: {}\"]\n",
            mermaid_id(p, &n.id),
            text(&n.id),
            text(&n.title)
        ));
    }
    for e in &p.edges {
        let arrow = match e.verdict {
            VerdictKind::RuledOut | VerdictKind::CannotJudge => "-.->",
            VerdictKind::TopUp => "-->",
            VerdictKind::Equivalent => "==>",
        };
        s.push_str(&format!(
            "  {} {arrow}|\"{}\"| {}\n",
            mermaid_id(p, &e.from),
            text(&label(e)),
            mermaid_id(p, &e.to)
        ));
    }
    s
}
