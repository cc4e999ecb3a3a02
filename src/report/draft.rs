//! A top-up proposal written as a draft module file in the specification language, via the canonical printer
//! (so the draft always parses and is already formatted).

use crate::analysis::TopUp;
use crate::diagnostic::Span;
use crate::syntax::ast::{Block, BlockKind, Document, Spanned, Statement, Stmt};
use crate::syntax::format::format;

fn w(s: impl Into<String>) -> Spanned<String> {
    Spanned::new(s.into(), Span::default())
}

fn st(stmt: Stmt) -> Statement {
    Statement {
        stmt,
        span: Span::default(),
        keyword_span: Span::default(),
        comments: Vec::new(),
        trailing: None,
    }
}

fn block(kind: BlockKind, head: Stmt, props: Vec<Stmt>, children: Vec<Block>) -> Block {
    Block {
        kind,
        head: st(head),
        props: props.into_iter().map(st).collect(),
        children,
    }
}

pub fn draft(t: &TopUp, levels: &[u32]) -> String {
    let level = || {
        Stmt::Level(
            levels
                .iter()
                .map(|l| Spanned::new(*l, Span::default()))
                .collect(),
        )
    };
    let mut blocks = Vec::new();
    for m in &t.modules {
        let outcomes = m
            .outcomes
            .iter()
            .map(|o| {
                let mut props = Vec::new();
                if !o.tags.is_empty() {
                    props.push(Stmt::Tags(o.tags.iter().map(w).collect()));
                }
                if let Some(u) = &o.url {
                    props.push(Stmt::Source {
                        title: None,
                        edition: None,
                        url: w(u.clone()),
                    });
                }
                block(
                    BlockKind::Outcome,
                    Stmt::Outcome {
                        id: w(format!("TOPUP-{}", o.outcome)),
                        text: w(o.text.clone()),
                    },
                    props,
                    Vec::new(),
                )
            })
            .collect();
        let mut props = vec![Stmt::Credits(Spanned::new(m.credits, Span::default()))];
        if !levels.is_empty() {
            props.push(level());
        }
        props.push(Stmt::Aims(w(format!(
            "Covers the {} of {} outcomes of {} ({}) that {} does not cover.",
            m.uncovered, m.of, m.from_module, t.to, t.from
        ))));
        blocks.push(block(
            BlockKind::Module,
            Stmt::Module {
                id: w(m.id.clone()),
                title: w(m.title.clone()),
            },
            props,
            outcomes,
        ));
    }
    for p in &t.practice {
        let id = format!("TOPUP-PRACTICE-{}", p.setting.to_uppercase());
        let outcome = block(
            BlockKind::Outcome,
            Stmt::Outcome {
                id: w(format!("{id}.1")),
                text: w(format!(
                    "Carries out supervised low-intensity casework in {}, recorded in a practice portfolio signed off by a supervisor from that setting.",
                    p.label
                )),
            },
            Vec::new(),
            Vec::new(),
        );
        let mut props = Vec::new();
        if !levels.is_empty() {
            props.push(level());
        }
        props.push(Stmt::Aims(w(format!(
            "Supervised practice in {}, the setting {} works in and {} does not.",
            p.label, t.to, t.from
        ))));
        blocks.push(block(
            BlockKind::Module,
            Stmt::Module {
                id: w(id),
                title: w(format!("Supervised practice in {}", p.label)),
            },
            props,
            vec![outcome],
        ));
    }
    if let Some(first) = blocks.first_mut() {
        first.head.comments = vec![
            format!(" Draft top-up for a {} holder to practise as {}, proposed by overlap.", t.from, t.to),
            format!(" Credit estimate: {} ({}).", t.credits, t.rule),
            " Outcomes are the target's outcomes the holder's curriculum does not cover; review before use.".into(),
        ];
    }
    format(&Document {
        blocks,
        trailing_comments: Vec::new(),
    })
}
