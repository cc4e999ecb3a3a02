//! Text → terms → TF-IDF vectors. Terms are Snowball-stemmed words and adjacent-word pairs, after stop words,
//! descriptor boilerplate and common abbreviations of the field are handled.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Words that open almost every learning outcome in UK descriptors and say nothing about its content.
const BOILERPLATE: &[&str] = &[
    "demonstrate",
    "demonstrates",
    "demonstrating",
    "demonstrated",
    "critical",
    "critically",
    "understanding",
    "understand",
    "understands",
    "knowledge",
    "ability",
    "able",
    "appropriate",
    "appropriately",
    "effectively",
    "effective",
    "including",
    "include",
    "includes",
    "relevant",
    "range",
    "use",
    "uses",
    "using",
    "apply",
    "applies",
    "applying",
    "skills",
    "skill",
    "key",
    "within",
    "across",
    "various",
    "wide",
    "module",
    "students",
    "student",
    "trainee",
    "trainees",
    "learners",
    "learner",
    "eg",
    "etc",
    "ie",
    "also",
    "way",
    "ways",
];

/// Abbreviations of the field, expanded so they meet their spelled-out forms.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("cyp", "children young people"),
    ("cbt", "cognitive behavioural therapy"),
    ("mhst", "mental health support team"),
    ("mhsts", "mental health support teams"),
    ("roms", "routine outcome measures"),
    ("rom", "routine outcome measure"),
    ("gsh", "guided self help"),
    ("pwp", "psychological wellbeing practitioner"),
    ("cwp", "children wellbeing practitioner"),
    ("emhp", "education mental health practitioner"),
    ("iapt", "improving access psychological therapies"),
    ("nhs", "national health service"),
    ("gp", "general practice"),
    ("gps", "general practice"),
    ("sen", "special educational needs"),
    ("adhd", "attention deficit hyperactivity disorder"),
    ("ocd", "obsessive compulsive disorder"),
    ("ptsd", "post traumatic stress disorder"),
    ("ba", "behavioural activation"),
    ("li", "low intensity"),
];

struct Lexicon {
    stop: HashSet<&'static str>,
    abbreviations: HashMap<&'static str, &'static str>,
    stemmer: Stemmer,
}

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut stop: HashSet<&'static str> = stop_words::lookup("en")
            .unwrap_or(&[])
            .iter()
            .copied()
            .collect();
        stop.extend(BOILERPLATE);
        Lexicon {
            stop,
            abbreviations: ABBREVIATIONS.iter().copied().collect(),
            stemmer: Stemmer::create(Algorithm::English),
        }
    })
}

/// Lower-cased, stemmed content words of a text, in order.
pub fn words(text: &str) -> Vec<String> {
    let lx = lexicon();
    let mut out = Vec::new();
    let lower = text.to_lowercase();
    // Apostrophes belong to words ("children's"); hyphens split ("self-help" → self, help).
    for raw in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let w = raw.trim_matches(['\'', '’']);
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        if w.is_empty() {
            continue;
        }
        if let Some(exp) = lx.abbreviations.get(w) {
            for e in exp.split(' ') {
                if !lx.stop.contains(e) {
                    out.push(lx.stemmer.stem(e).into_owned());
                }
            }
            continue;
        }
        if w.len() < 2 || lx.stop.contains(w) || w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        out.push(lx.stemmer.stem(w).into_owned());
    }
    out
}

/// Terms of a text: stemmed words, and adjacent pairs joined by a space.
pub fn terms(text: &str) -> Vec<String> {
    let w = words(text);
    let mut t = w.clone();
    t.extend(w.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    t
}

/// A sparse, L2-normalised vector: (term id, weight), sorted by term id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SparseVec(pub Vec<(u32, f32)>);

impl SparseVec {
    pub fn dot(&self, other: &SparseVec) -> f64 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut s) = (0, 0, 0f64);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += a[i].1 as f64 * b[j].1 as f64;
                    i += 1;
                    j += 1;
                }
            }
        }
        // Rounding can push the cosine of identical texts a hair past 1.
        s.clamp(0.0, 1.0)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Vocabulary and inverse document frequencies fitted on a corpus.
#[derive(Debug, Clone, Default)]
pub struct TfIdf {
    pub vocab: HashMap<String, u32>,
    pub terms: Vec<String>,
    pub idf: Vec<f32>,
}

impl TfIdf {
    /// Smoothed idf, ln((1+n)/(1+df)) + 1, as scikit-learn computes it, so rare terms weigh more.
    pub fn fit<'a>(docs: impl IntoIterator<Item = &'a [String]>) -> TfIdf {
        let mut df: BTreeMap<&str, u32> = BTreeMap::new();
        let mut n = 0u32;
        for d in docs {
            n += 1;
            let uniq: HashSet<&str> = d.iter().map(String::as_str).collect();
            for t in uniq {
                *df.entry(t).or_default() += 1;
            }
        }
        let mut m = TfIdf::default();
        for (k, (t, f)) in df.into_iter().enumerate() {
            m.vocab.insert(t.to_string(), k as u32);
            m.terms.push(t.to_string());
            m.idf.push((((1 + n) as f32) / ((1 + f) as f32)).ln() + 1.0);
        }
        m
    }

    /// Sublinear tf (1 + ln count) times idf, L2-normalised; terms outside the vocabulary are ignored.
    pub fn vector(&self, terms: &[String]) -> SparseVec {
        let mut counts: BTreeMap<u32, u32> = BTreeMap::new();
        for t in terms {
            if let Some(&id) = self.vocab.get(t) {
                *counts.entry(id).or_default() += 1;
            }
        }
        weigh(counts, &self.idf)
    }
}

/// The weights of [`TfIdf::vector`] from (term id, count) pairs sorted by term id: sublinear tf (1 + ln count)
/// times idf, L2-normalised. Shared with [`super::scale`], which counts terms its own way.
pub fn weigh(counts: impl IntoIterator<Item = (u32, u32)>, idf: &[f32]) -> SparseVec {
    let mut v: Vec<(u32, f32)> = counts
        .into_iter()
        .map(|(id, c)| (id, (1.0 + (c as f32).ln()) * idf[id as usize]))
        .collect();
    let norm = v
        .iter()
        .map(|(_, w)| (*w as f64).powi(2))
        .sum::<f64>()
        .sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w = (*w as f64 / norm) as f32;
        }
    }
    SparseVec(v)
}
