//! Seeded mutations of specs and descriptors, and the pipeline each mutated input goes through: shared by
//! `tests/mutation.rs` (a few thousand inputs in the suite) and `examples/mutate.rs` (a million, in release).
#![allow(dead_code)]

use overlap::analysis::Engine;
use overlap::analysis::check::{Subject, check};
use overlap::analysis::params::{Method, Params};
use overlap::diagnostic::{Diagnostic, SourceFile};
use overlap::model::Catalog;
use overlap::model::load::{EMBEDDED, load_layers, source_from_bytes};
use overlap::report::{check_views, table, views};
use overlap::syntax::{descriptor, format::format, parse_document};

/// xorshift64*: a fixed seed gives the same inputs on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments that reach deep: keywords, quotes, large and boundary numbers, odd characters.
const TOKENS: &[&str] = &[
    "curriculum ",
    "module ",
    "outcome ",
    "tags ",
    "credits ",
    "level ",
    "same as ",
    "source ",
    "aliases ",
    "population ",
    "setting ",
    "derived from aims",
    "\"",
    "“",
    "\\",
    "\n",
    "\r\n",
    "\t",
    "#",
    ",",
    "<https://a.b/c>",
    "0",
    "1000",
    "1001",
    "4294967295",
    "4294967296",
    "99999999999999999999",
    "Credits: 4000000000\n",
    "Learning outcomes\n",
    "1. ",
    "- ",
    "• ",
    "assessment.risk-assessment",
    "é",
    "🧠",
    "\u{feff}",
    "\u{2028}",
    "\u{202e}",
    "\x1b[31m",
    "\0",
    "=1+2",
    "Demonstrate the ",
];

fn line_starts(b: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            b.iter()
                .enumerate()
                .filter(|(_, c)| **c == b'\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|&i| i < b.len())
        .collect()
}

fn line_at(b: &[u8], starts: &[usize], k: usize) -> std::ops::Range<usize> {
    let s = starts[k];
    let e = starts.get(k + 1).copied().unwrap_or(b.len());
    s..e
}

/// One to four mutations of `b`.
pub fn mutate(rng: &mut Rng, mut b: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(8) {
            0 if !b.is_empty() => {
                let k = rng.below(b.len());
                b[k] ^= 1 << rng.below(8);
            }
            1..=3 => {
                let starts = line_starts(&b);
                if starts.is_empty() {
                    continue;
                }
                let r = line_at(&b, &starts, rng.below(starts.len()));
                match rng.below(3) {
                    0 => {
                        b.drain(r);
                    }
                    1 => {
                        let line = b[r.clone()].to_vec();
                        b.splice(r.start..r.start, line);
                    }
                    _ => {
                        let o = line_at(&b, &starts, rng.below(starts.len()));
                        let (x, y) = (b[r.clone()].to_vec(), b[o.clone()].to_vec());
                        if r.start < o.start && r.end <= o.start {
                            b.splice(o, x);
                            b.splice(r, y);
                        }
                    }
                }
            }
            4..=5 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                b.splice(at..at, t.iter().copied());
            }
            6 => {
                // A number made huge or boundary.
                if let Some(p) = b[at..].iter().position(u8::is_ascii_digit) {
                    let s = at + p;
                    let e = s + b[s..].iter().take_while(|c| c.is_ascii_digit()).count();
                    let n = [
                        "0",
                        "1000",
                        "1001",
                        "4294967295",
                        "4000000000",
                        "99999999999999999999",
                    ];
                    b.splice(s..e, n[rng.below(n.len())].bytes());
                }
            }
            _ => {
                let end = (at + rng.below(40)).min(b.len());
                b.drain(at..end);
            }
        }
    }
    b
}

pub fn lexical() -> Params {
    Params {
        method: Method::Lexical,
        ..Params::DEFAULT
    }
}

pub fn shipped() -> Vec<(SourceFile, Option<Diagnostic>)> {
    EMBEDDED
        .iter()
        .map(|(n, t)| (SourceFile::new(*n, *t), None))
        .collect()
}

/// What an input reached.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reached {
    Error,
    Model,
    Analysis,
}

/// Parse, format, build with the shipped specs, and (when it builds and `analyse`) compare and render.
pub fn spec(name: &str, bytes: Vec<u8>, analyse: bool) -> Reached {
    let (src, enc) = source_from_bytes(name.to_string(), bytes);
    let (doc, diags) = parse_document(&src.text, 0);
    if diags.is_empty() {
        let _ = format(&doc);
    }
    let ws = match load_layers(shipped(), vec![(src, enc)]) {
        Ok(ws) => ws,
        Err(e) => {
            let _ = e.render(false);
            return Reached::Error;
        }
    };
    if !analyse {
        return Reached::Model;
    }
    let engine = Engine::new(&ws.catalog, lexical()).expect("the lexical engine needs no model");
    let cat = &ws.catalog;
    let Some(mine) = cat.curricula.iter().find(|c| c.file == name) else {
        return Reached::Model;
    };
    let Some(other) = cat.curricula.iter().find(|c| c.id != mine.id) else {
        return Reached::Model;
    };
    let cmp = engine.compare(&[mine, other]);
    for t in views::comparison(&cmp, 3, false) {
        let _ = table::to_csv(&t);
        let _ = table::to_terminal(&t, 100);
    }
    Reached::Analysis
}

/// Read a descriptor and (when `analyse`) check it against two national curricula.
pub fn desc(catalog: &Catalog, bytes: Vec<u8>, analyse: bool) -> Reached {
    let (src, enc) = source_from_bytes("d.md".into(), bytes);
    if enc.is_some() {
        return Reached::Error;
    }
    let Ok(d) = descriptor::parse(&src.text, 0) else {
        return Reached::Error;
    };
    let module = overlap::model::descriptor::module(&d, "M");
    if !analyse {
        return Reached::Model;
    }
    let subject = Subject {
        file: "d.md".into(),
        module: &module,
        aims: overlap::model::descriptor::aims_sentences(&d),
    };
    let against: Vec<_> = catalog.curricula.iter().take(2).collect();
    match check(
        catalog,
        &subject,
        &against,
        &lexical(),
        3,
        &Default::default(),
    ) {
        Ok(r) => {
            for t in check_views::result(&r, 3) {
                let _ = table::to_csv(&t);
            }
            Reached::Analysis
        }
        Err(_) => Reached::Model,
    }
}

/// A CASE package read as a curriculum: conversion, then parse and build with the shipped specs.
pub fn case(bytes: Vec<u8>) -> Reached {
    let Ok(text) = String::from_utf8(bytes) else {
        return Reached::Error;
    };
    let spec = match overlap::syntax::case::to_spec(&text, 0) {
        Ok(s) => s,
        Err(_) => return Reached::Error,
    };
    match load_layers(shipped(), vec![(SourceFile::new("p.json", spec), None)]) {
        Ok(_) => Reached::Model,
        Err(e) => {
            let _ = e.render(false);
            Reached::Error
        }
    }
}

/// A reviewed mapping workbook: its first sheet, back as SSSOM TSV, parsed.
pub fn workbook(bytes: &[u8]) -> Reached {
    let Ok(rows) = overlap::syntax::extract::sheet::first_sheet(bytes) else {
        return Reached::Error;
    };
    let Ok(tsv) = overlap::syntax::sssom::from_sheet(&rows) else {
        return Reached::Error;
    };
    match overlap::syntax::sssom::parse(&tsv, 0) {
        Ok(_) => Reached::Model,
        Err(_) => Reached::Error,
    }
}
