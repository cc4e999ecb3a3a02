//! The texts the accuracy figures rest on, as one tab-separated file, so another embedding model can be
//! measured on them outside the program (`benches/model_candidates.sh`):
//!
//!     cargo run --release --example gold_texts -- OUT.tsv
//!
//! Rows: `N` curriculum, module, outcome id, text — every national outcome the gold set was labelled against;
//! `U` descriptor, split, outcome index, the ids the expert accepts (comma-separated, empty for none), text —
//! every outcome of every labelled descriptor; `R` curriculum, module, outcome id, text — every outcome of the
//! shipped curricula and of their rewordings in `tests/fixtures/reworded` (a reworded curriculum's id ends in
//! `-RW` and its outcomes keep the original's numbers).

use std::fmt::Write;
use std::path::Path;

use overlap::model::{Curriculum, LoadSet};

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One `tag` row per outcome of `curricula`: curriculum, module, outcome id, text.
fn outcome_rows<'a>(
    tsv: &mut String,
    tag: &str,
    curricula: impl IntoIterator<Item = &'a Curriculum>,
) {
    for c in curricula {
        for m in &c.modules {
            for o in &m.outcomes {
                let _ = writeln!(
                    tsv,
                    "{tag}\t{}\t{}\t{}\t{}",
                    c.id,
                    m.id,
                    o.id,
                    one_line(&o.text)
                );
            }
        }
    }
}

fn main() -> Result<(), String> {
    let out = std::env::args().nth(1).ok_or("usage: gold_texts OUT.tsv")?;
    let ws = LoadSet::shipped().load().map_err(|e| e.render(false))?;
    let gold = overlap::gold::load(Path::new("tests/gold"), Path::new("tests/fixtures/hei"))?;
    let mut tsv = String::new();
    outcome_rows(&mut tsv, "N", overlap::gold::national(&ws.catalog));
    for g in &gold {
        let text = std::fs::read_to_string(&g.file).map_err(|e| format!("{}: {e}", g.name))?;
        let d = overlap::syntax::descriptor::parse(&text, 0)
            .map_err(|e| format!("{}: {e:?}", g.name))?;
        let module = overlap::model::descriptor::module(&d, "M");
        for (i, o) in module.outcomes.iter().enumerate() {
            let ids: Vec<&str> = g
                .outcomes
                .get(i)
                .map(|s| s.iter().map(String::as_str).collect())
                .unwrap_or_default();
            let split = match g.split {
                overlap::gold::Split::Dev => "dev",
                overlap::gold::Split::Test => "test",
            };
            let _ = writeln!(
                tsv,
                "U\t{}\t{split}\t{i}\t{}\t{}",
                g.name,
                ids.join(","),
                one_line(&o.text)
            );
        }
    }
    let mut reworded = LoadSet::shipped();
    reworded.dirs = vec!["tests/fixtures/reworded".into()];
    let rw = reworded.load().map_err(|e| e.render(false))?;
    outcome_rows(&mut tsv, "R", &rw.catalog.curricula);
    std::fs::write(&out, tsv).map_err(|e| format!("{out}: {e}"))?;
    Ok(())
}
