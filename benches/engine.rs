//! Criterion benches of the similarity engine on generated outcomes (fixed seed, so every run scores the
//! same texts): tokenise + fit 2k + 2k, full matrix 2k × 2k, top-10 of 20k lines against 2k.
//! `cargo bench --bench engine` (about a minute).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use overlap::analysis::scale;

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "assesses",
    "explains",
    "plans",
    "evaluates",
    "delivers",
    "monitors",
    "reviews",
    "formulates",
    "identifies",
    "adapts",
    "negotiates",
    "communicates",
    "supports",
    "recognises",
    "manages",
    "reflects",
    "records",
    "refers",
    "escalates",
    "collaborates",
    "measures",
    "interprets",
    "justifies",
    "prioritises",
];
#[rustfmt::skip]
const ADJS: &[&str] = &[
    "evidence-based",
    "structured",
    "collaborative",
    "culturally sensitive",
    "low-intensity",
    "brief",
    "person-centred",
    "developmentally appropriate",
    "routine",
    "therapeutic",
    "ethical",
    "reflective",
    "trauma-informed",
    "systemic",
    "guided",
    "early",
    "whole-school",
    "stepped",
    "mild",
    "moderate",
];
#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "anxiety",
    "depression",
    "low mood",
    "worry",
    "panic",
    "phobia",
    "self-harm",
    "sleep problems",
    "behaviour difficulties",
    "wellbeing",
    "resilience",
    "stress",
    "trauma",
    "bereavement",
    "bullying",
    "emotional regulation",
    "avoidance",
    "rumination",
    "self-esteem",
    "school refusal",
    "risk",
    "goals",
];
#[rustfmt::skip]
const INTERVENTIONS: &[&str] = &[
    "CBT",
    "guided self-help",
    "behavioural activation",
    "graded exposure",
    "problem-solving",
    "psychoeducation",
    "relaxation",
    "thought records",
    "parenting programme",
    "motivational interviewing",
    "relapse prevention",
    "safety planning",
    "routine outcome measures",
    "formulation",
    "supervision",
];
#[rustfmt::skip]
const SETTINGS: &[&str] = &[
    "schools",
    "colleges",
    "general practice",
    "community services",
    "CAMHS",
    "NHS services",
    "voluntary sector",
    "early help",
    "homes",
    "clinics",
    "digital platforms",
    "MHSTs",
];
#[rustfmt::skip]
const POPULATIONS: &[&str] = &[
    "children",
    "young people",
    "adolescents",
    "parents",
    "carers",
    "families",
    "teachers",
    "pupils",
    "adults",
    "looked-after children",
    "care leavers",
    "young carers",
];
#[rustfmt::skip]
const TAILS: &[&str] = &[
    "to reduce symptoms",
    "to improve functioning",
    "to prevent relapse",
    "to manage risk",
    "in line with national guidance",
    "under clinical supervision",
    "within a stepped-care model",
    "in partnership with families",
    "with attention to diversity",
    "over six to eight sessions",
];

struct Rng(u64);
impl Rng {
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        xs[(self.0 % xs.len() as u64) as usize]
    }
}

/// `n` outcomes of 15–25 words.
fn outcomes(n: usize, seed: u64) -> Vec<String> {
    let mut r = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    (0..n)
        .map(|i| {
            let target = 15 + i % 11;
            let mut s = format!(
                "{} {} {} for {} with {} in {}",
                r.pick(VERBS),
                r.pick(ADJS),
                r.pick(INTERVENTIONS),
                r.pick(NOUNS),
                r.pick(POPULATIONS),
                r.pick(SETTINGS)
            );
            while s.split_whitespace().count() < target {
                s.push(' ');
                s.push_str(r.pick(TAILS));
                s.push_str(" and ");
                s.push_str(r.pick(NOUNS));
            }
            s.split_whitespace()
                .take(target)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn engine(c: &mut Criterion) {
    let a2k = outcomes(2_000, 1);
    let b2k = outcomes(2_000, 2);
    let b20k = outcomes(20_000, 3);

    let mut g = c.benchmark_group("engine");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));

    g.bench_function("tokenise+fit 2k+2k", |bch| {
        bch.iter(|| scale::vectorise(black_box(&a2k), black_box(&b2k)))
    });

    let v = scale::vectorise(&a2k, &b2k);
    let index = scale::Index::build(&v.a, v.vocab);
    g.bench_function("full matrix 2k x 2k", |bch| {
        bch.iter(|| scale::matrix(black_box(&index), black_box(&v.b)))
    });

    let v = scale::vectorise(&a2k, &b20k);
    let index = scale::Index::build(&v.a, v.vocab);
    g.bench_function("top-10 20k x 2k", |bch| {
        bch.iter(|| scale::top_k(black_box(&index), black_box(&v.b), 10))
    });

    g.bench_function("end to end top-10 20k x 2k", |bch| {
        bch.iter(|| {
            let v = scale::vectorise(black_box(&a2k), black_box(&b20k));
            let index = scale::Index::build(&v.a, v.vocab);
            scale::top_k(&index, &v.b, 10)
        })
    });
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
