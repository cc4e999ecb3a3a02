//! Text → terms → TF-IDF vectors. Terms are Snowball-stemmed words and adjacent-word pairs, after stop words,
//! descriptor boilerplate and common abbreviations of the field are handled.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
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

/// A fast non-cryptographic hasher (the multiply-rotate of rustc's FxHash) for the tokeniser's short,
/// trusted keys, where SipHash showed up in profiles.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub type FxBuild = BuildHasherDefault<FxHasher>;
pub type FxMap<K, V> = HashMap<K, V, FxBuild>;
type FxSet<K> = HashSet<K, FxBuild>;

struct Lexicon {
    stop: FxSet<&'static str>,
    abbreviations: FxMap<&'static str, &'static str>,
    stemmer: Stemmer,
}

/// Distinct words whose stems a thread remembers; past this the cache starts over (bounded memory).
const STEM_CACHE: usize = 1 << 16;

thread_local! {
    /// Stemming is the costliest step of tokenising and the vocabulary is small, so each thread remembers
    /// the stems it has computed. Same stems as calling the stemmer every time.
    static STEMS: RefCell<FxMap<String, String>> = RefCell::new(FxMap::default());
}

fn stem(lx: &Lexicon, w: &str) -> String {
    STEMS.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(s) = c.get(w) {
            return s.clone();
        }
        let s = lx.stemmer.stem(w).into_owned();
        if c.len() >= STEM_CACHE {
            c.clear();
        }
        c.insert(w.to_string(), s.clone());
        s
    })
}

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut stop: FxSet<&'static str> = stop_words::lookup("en")
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
                    out.push(stem(lx, e));
                }
            }
            continue;
        }
        if w.len() < 2 || lx.stop.contains(w) || w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        out.push(stem(lx, w));
    }
    out
}

/// Whether a text has any content word to compare: one made only of stop words, descriptor boilerplate
/// ("demonstrate", "critical understanding") and numbers has none, and would match nothing, itself included.
pub fn has_words(text: &str) -> bool {
    !words(text).is_empty()
}

/// Terms of a text: stemmed words, and adjacent pairs joined by a space.
pub fn terms(text: &str) -> Vec<String> {
    let w = words(text);
    let mut t = w.clone();
    t.extend(w.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    t
}

/// A sparse, L2-normalised vector: (term id, weight), sorted by term id.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TfIdf {
    /// Term → id; the inverse of `terms`, rebuilt from it after reading a prebuilt model.
    #[serde(skip)]
    pub vocab: HashMap<String, u32>,
    pub terms: Vec<String>,
    pub idf: Vec<f32>,
}

impl TfIdf {
    /// Rebuilds the vocabulary from the term list.
    pub fn reindex(&mut self) {
        self.vocab = self
            .terms
            .iter()
            .enumerate()
            .map(|(k, t)| (t.clone(), k as u32))
            .collect();
    }

    /// Smoothed idf, ln((1+n)/(1+df)) + 1, as scikit-learn computes it, so rare terms weigh more.
    pub fn fit<'a>(docs: impl IntoIterator<Item = &'a [String]>) -> TfIdf {
        let mut df: FxMap<&str, u32> = FxMap::default();
        let mut n = 0u32;
        let mut uniq: Vec<&str> = Vec::new();
        for d in docs {
            n += 1;
            uniq.clear();
            uniq.extend(d.iter().map(String::as_str));
            uniq.sort_unstable();
            uniq.dedup();
            for &t in &uniq {
                *df.entry(t).or_default() += 1;
            }
        }
        // Term ids in lexical order of the terms.
        let mut df: Vec<(&str, u32)> = df.into_iter().collect();
        df.sort_unstable_by(|x, y| x.0.cmp(y.0));
        let mut m = TfIdf::default();
        m.vocab.reserve(df.len());
        for (k, (t, f)) in df.into_iter().enumerate() {
            m.vocab.insert(t.to_string(), k as u32);
            m.terms.push(t.to_string());
            m.idf.push((((1 + n) as f32) / ((1 + f) as f32)).ln() + 1.0);
        }
        m
    }

    /// Sublinear tf (1 + ln count) times idf, L2-normalised; terms outside the vocabulary are ignored.
    pub fn vector(&self, terms: &[String]) -> SparseVec {
        let mut ids: Vec<u32> = terms
            .iter()
            .filter_map(|t| self.vocab.get(t).copied())
            .collect();
        ids.sort_unstable();
        let mut counts: Vec<(u32, u32)> = Vec::with_capacity(ids.len());
        for id in ids {
            match counts.last_mut() {
                Some((last, c)) if *last == id => *c += 1,
                _ => counts.push((id, 1)),
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
