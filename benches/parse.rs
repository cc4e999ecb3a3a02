//! Parse-speed benchmark: a generated ~5 MB curriculum, parsed into blocks and built into the model.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use overlap::model::build::{Parsed, build};
use overlap::syntax::parse_document;
use std::fmt::Write as _;
use std::hint::black_box;

/// A curriculum of `modules` modules with `outcomes` outcomes each; about 5 MB at 1,000 × 12.
fn large_spec(modules: usize, outcomes: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# A generated curriculum for the benchmark.");
    let _ = writeln!(s, "curriculum BENCH \"Benchmark Practitioner\"");
    let _ = writeln!(
        s,
        "  aliases \"Bench\", \"BP\"\n  population adults\n  setting talking-therapies"
    );
    let _ = writeln!(s, "  credits {}\n  level 6, 7", modules * 20);
    let _ = writeln!(
        s,
        "  source \"Benchmark handbook\" edition \"2024\" <https://example.org/bench>"
    );
    for m in 0..modules {
        let _ = write!(
            s,
            "\n  module BENCH-{m} \"Module number {m}: assessment, engagement and “values” – part {m}\"\n    \
             code \"BM{m}\"\n    credits 20\n    level 6, 7\n    \
             aims \"Prepare trainees to assess and engage adults with common mental health problems, with \
             attention to\n        diversity, risk and the person's own goals.\"\n    \
             source \"Module descriptor {m}\" <https://example.org/bench/{m}>\n"
        );
        for o in 0..outcomes {
            let _ = write!(
                s,
                "\n    # outcome {o} of module {m}\n    outcome BENCH-{m}.{o} \"Carries out a patient-centred \
                 assessment interview (number {o}), covering the main\n      problem, its impact and the \
                 person's goals, and explains \\\"why\\\" measures matter.\"\n      \
                 tags assessment.patient-centred-interview, outcome-monitoring.session-symptom-measures\n      \
                 source <https://example.org/bench/{m}#{o}>\n"
            );
            if o % 3 == 0 {
                s.push_str("      derived from aims\n");
            }
        }
    }
    s
}

fn parse_and_build(text: &str) -> usize {
    let (doc, diags) = parse_document(text, 0);
    assert!(diags.is_empty(), "{diags:?}");
    let parsed = [Parsed {
        file: 0,
        name: "bench.ovl",
        doc: &doc,
    }];
    match build(&parsed) {
        Ok(c) => c.curricula[0].modules.len(),
        Err(d) => panic!("{d:?}"),
    }
}

fn bench(c: &mut Criterion) {
    let text = large_spec(1_000, 12);
    eprintln!("generated spec: {:.1} MB", text.len() as f64 / 1e6);
    let mut g = c.benchmark_group("parse");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("parse_and_build_5mb", |b| {
        b.iter(|| parse_and_build(black_box(&text)))
    });
    g.bench_function("parse_only_5mb", |b| {
        b.iter(|| parse_document(black_box(&text), 0).0.blocks.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
