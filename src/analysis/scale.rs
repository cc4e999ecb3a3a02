//! Outcome × outcome TF-IDF cosine similarity at scale: two lists of texts (tens of thousands of lines each),
//! one TF-IDF model fitted on both, then either the full |B| × |A| matrix or, for each text of B, the K best
//! texts of A.
//!
//! Scoring goes through an inverted index over A (term → postings of (document, weight)): a text of B adds
//! its weight times each posting's weight into a dense accumulator the length of A, so only pairs that share
//! a term cost anything. Rows of B run in parallel (rayon); each worker reuses one accumulator. In top-k mode
//! nothing of size |A| × |B| is ever stored: memory is the texts, the vectors, the index and K matches per row.
//!
//! Terms and weights are exactly those of [`TfIdf::fit`](super::text::TfIdf::fit) and
//! [`TfIdf::vector`](super::text::TfIdf::vector) on the union of A and B (a unit test checks it); only the
//! counting is organised differently (terms are interned as they are produced, so the strings of every
//! document are never held at once). Scores are summed in f32, so they may differ from
//! [`SparseVec::dot`](super::text::SparseVec::dot) (f64) in the seventh digit; they are clamped to [0, 1].

use ndarray::Array2;
use rayon::prelude::*;

use super::text::{FxMap, SparseVec, weigh, words};

/// Accumulator entries scanned per block when picking the top k.
const SCAN: usize = 64;

/// Texts tokenised per batch, so the term strings of only one batch are alive at a time.
const BATCH: usize = 8192;

/// Both sides as TF-IDF vectors of one model fitted on A ∪ B.
#[derive(Debug, Clone, Default)]
pub struct Vectors {
    pub a: Vec<SparseVec>,
    pub b: Vec<SparseVec>,
    /// Number of distinct terms; term ids are below it.
    pub vocab: usize,
}

/// Fits TF-IDF on the texts of `a` and `b` together (one document per text) and returns their vectors.
pub fn vectorise<S: AsRef<str> + Sync>(a: &[S], b: &[S]) -> Vectors {
    let docs: Vec<&str> = a.iter().chain(b).map(AsRef::as_ref).collect();
    // 1. Terms, interned to provisional ids in order of first appearance; each document becomes its sorted
    //    (provisional id, count) pairs. Words are interned by their text; a word pair by the ids of its two
    //    words (its text, "a b", is written once per distinct pair, not once per occurrence).
    let mut intern: FxMap<String, u32> = FxMap::default();
    let mut pairs: FxMap<(u32, u32), u32> = FxMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut counted: Vec<Vec<(u32, u32)>> = Vec::with_capacity(docs.len());
    for chunk in docs.chunks(BATCH) {
        let toks: Vec<Vec<String>> = chunk.par_iter().map(|t| words(t)).collect();
        let ids: Vec<Vec<u32>> = toks
            .iter()
            .map(|doc| {
                let w: Vec<u32> = doc
                    .iter()
                    .map(|t| match intern.get(t.as_str()) {
                        Some(&id) => id,
                        None => {
                            let id = names.len() as u32;
                            names.push(t.clone());
                            intern.insert(t.clone(), id);
                            id
                        }
                    })
                    .collect();
                let mut ids = w.clone();
                ids.extend(w.windows(2).map(|p| {
                    *pairs.entry((p[0], p[1])).or_insert_with(|| {
                        let id = names.len() as u32;
                        names.push(format!("{} {}", names[p[0] as usize], names[p[1] as usize]));
                        id
                    })
                }));
                ids
            })
            .collect();
        drop(toks);
        counted.par_extend(ids.into_par_iter().map(run_lengths));
    }
    drop(pairs);
    drop(intern);
    // 2. Document frequencies and the final ids: terms in lexical order, as `TfIdf::fit` numbers them.
    let mut df = vec![0u32; names.len()];
    for d in &counted {
        for &(id, _) in d {
            df[id as usize] += 1;
        }
    }
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.par_sort_unstable_by(|&x, &y| names[x as usize].cmp(&names[y as usize]));
    drop(names);
    let mut rank = vec![0u32; order.len()];
    let n = docs.len() as u32;
    let mut idf = vec![0f32; order.len()];
    for (k, &prov) in order.iter().enumerate() {
        rank[prov as usize] = k as u32;
        idf[k] = (((1 + n) as f32) / ((1 + df[prov as usize]) as f32)).ln() + 1.0;
    }
    // 3. Vectors.
    let vectors: Vec<SparseVec> = counted
        .into_par_iter()
        .map(|d| {
            let mut d: Vec<(u32, u32)> =
                d.into_iter().map(|(p, c)| (rank[p as usize], c)).collect();
            d.sort_unstable_by_key(|&(id, _)| id);
            weigh(d, &idf)
        })
        .collect();
    let mut a_vecs = vectors;
    let b_vecs = a_vecs.split_off(a.len());
    Vectors {
        a: a_vecs,
        b: b_vecs,
        vocab: order.len(),
    }
}

/// Sorted (id, count) pairs of a list of ids.
fn run_lengths(mut ids: Vec<u32>) -> Vec<(u32, u32)> {
    ids.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for id in ids {
        match out.last_mut() {
            Some((last, c)) if *last == id => *c += 1,
            _ => out.push((id, 1)),
        }
    }
    out
}

/// Inverted index over one side: for each term, the documents that contain it and the term's weight there,
/// in document order (compressed rows: `docs[start[t]..start[t + 1]]`).
#[derive(Debug, Clone, Default)]
pub struct Index {
    start: Vec<usize>,
    docs: Vec<u32>,
    weights: Vec<f32>,
    len: usize,
}

impl Index {
    pub fn build(vectors: &[SparseVec], vocab: usize) -> Index {
        let vocab = vectors
            .iter()
            .flat_map(|v| v.0.last())
            .map(|&(t, _)| t as usize + 1)
            .max()
            .unwrap_or(0)
            .max(vocab);
        let mut start = vec![0usize; vocab + 1];
        for v in vectors {
            for &(t, _) in &v.0 {
                start[t as usize + 1] += 1;
            }
        }
        for t in 0..vocab {
            start[t + 1] += start[t];
        }
        let total = start[vocab];
        let mut fill = start.clone();
        let mut docs = vec![0u32; total];
        let mut weights = vec![0f32; total];
        for (d, v) in vectors.iter().enumerate() {
            for &(t, w) in &v.0 {
                let at = &mut fill[t as usize];
                docs[*at] = d as u32;
                weights[*at] = w;
                *at += 1;
            }
        }
        Index {
            start,
            docs,
            weights,
            len: vectors.len(),
        }
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of postings (document, term) pairs.
    pub fn postings(&self) -> usize {
        self.docs.len()
    }

    fn list(&self, t: u32) -> (&[u32], &[f32]) {
        match (self.start.get(t as usize), self.start.get(t as usize + 1)) {
            (Some(&s), Some(&e)) => (&self.docs[s..e], &self.weights[s..e]),
            _ => (&[], &[]),
        }
    }

    /// Number of postings a query will visit: the multiply-adds its row of scores costs.
    pub fn cost(&self, q: &SparseVec) -> usize {
        q.0.iter().map(|&(t, _)| self.list(t).0.len()).sum()
    }

    /// Adds the query's dot product with every indexed document into `acc` (length [`Index::len`]).
    fn accumulate(&self, q: &SparseVec, acc: &mut [f32]) {
        for &(t, wq) in &q.0 {
            let (docs, weights) = self.list(t);
            for (&d, &w) in docs.iter().zip(weights) {
                acc[d as usize] += w * wq;
            }
        }
    }

    /// As [`Index::accumulate`], also listing the documents touched for the first time (weights are
    /// positive, so a zero accumulator means untouched).
    fn accumulate_touched(&self, q: &SparseVec, acc: &mut [f32], touched: &mut Vec<u32>) {
        for &(t, wq) in &q.0 {
            let (docs, weights) = self.list(t);
            for (&d, &w) in docs.iter().zip(weights) {
                let slot = &mut acc[d as usize];
                if *slot == 0.0 {
                    touched.push(d);
                }
                *slot += w * wq;
            }
        }
    }
}

/// The full similarity matrix: one row per text of B, one column per text of A.
pub fn matrix(index: &Index, b: &[SparseVec]) -> Array2<f32> {
    let cols = index.len();
    let mut m = Array2::<f32>::zeros((b.len(), cols));
    if cols == 0 {
        return m;
    }
    let data = m
        .as_slice_mut()
        .expect("a fresh array is contiguous in row-major order");
    data.par_chunks_mut(cols)
        .zip(b.par_iter())
        .with_min_len(16)
        .for_each(|(row, q)| {
            index.accumulate(q, row);
            for s in row.iter_mut() {
                *s = s.clamp(0.0, 1.0);
            }
        });
    m
}

/// Scores every pair of the full matrix without storing it: for each text of B (in parallel), its row of
/// scores against every text of A goes to `f` in a buffer reused per worker, and `f`'s results come back in
/// the order of B. Use this when the matrix is only reduced (best per row, counts), not kept.
pub fn map_rows<R, F>(index: &Index, b: &[SparseVec], f: F) -> Vec<R>
where
    R: Send,
    F: Fn(usize, &[f32]) -> R + Sync,
{
    let cols = index.len();
    b.par_iter()
        .enumerate()
        .with_min_len(16)
        .map_init(
            || vec![0f32; cols],
            |row, (j, q)| {
                index.accumulate(q, row);
                for s in row.iter_mut() {
                    *s = s.clamp(0.0, 1.0);
                }
                let r = f(j, row);
                row.fill(0.0);
                r
            },
        )
        .collect()
}

/// Best-first list of at most `k` (document, score) pairs; ties go to the lower document index.
struct Best {
    k: usize,
    v: Vec<(u32, f32)>,
}

impl Best {
    fn better(x: (u32, f32), y: (u32, f32)) -> bool {
        x.1 > y.1 || (x.1 == y.1 && x.0 < y.0)
    }

    fn offer(&mut self, d: u32, s: f32) {
        if self.v.len() == self.k {
            match self.v.last() {
                Some(&last) if Self::better((d, s), last) => {
                    self.v.pop();
                }
                _ => return,
            }
        }
        let at = self.v.partition_point(|&x| Self::better(x, (d, s)));
        self.v.insert(at, (d, s));
    }

    /// The score a new document must beat when documents come in increasing index order.
    fn floor(&self) -> f32 {
        if self.v.len() < self.k {
            0.0
        } else {
            self.v.last().map_or(0.0, |x| x.1)
        }
    }
}

/// For each text of B, its `k` best texts of A as (index in A, score), best first, ties to the lower index.
/// Pairs with no term in common (score 0) are never listed, so a row may hold fewer than `k`.
pub fn top_k(index: &Index, b: &[SparseVec], k: usize) -> Vec<Vec<(u32, f32)>> {
    let n = index.len();
    if k == 0 || n == 0 {
        return vec![Vec::new(); b.len()];
    }
    b.par_iter()
        .with_min_len(16)
        .map_init(
            || {
                (
                    vec![0f32; n],
                    Vec::<u32>::new(),
                    Vec::<f32>::new(),
                    Vec::<f32>::new(),
                )
            },
            |(acc, touched, maxes, pick), q| {
                let mut best = Best {
                    k,
                    v: Vec::with_capacity(k.min(n) + 1),
                };
                if index.cost(q) * 4 < n {
                    // Few postings: visit only the documents touched.
                    touched.clear();
                    index.accumulate_touched(q, acc, touched);
                    for &d in touched.iter() {
                        let slot = &mut acc[d as usize];
                        best.offer(d, slot.min(1.0));
                        *slot = 0.0;
                    }
                } else {
                    // Many postings: scan the accumulator in index order, a block at a time, then clear.
                    // Each block's best score first (a pass that vectorises): when k blocks reach a score,
                    // k documents do, so the k-th best block maximum bounds the k-th best score from below
                    // and documents under it are never offered; most blocks are skipped whole.
                    index.accumulate(q, acc);
                    maxes.clear();
                    maxes.extend(
                        acc.chunks(SCAN)
                            .map(|c| c.iter().fold(0f32, |m, &s| if s > m { s } else { m })),
                    );
                    let bound = if maxes.len() >= k {
                        pick.clear();
                        pick.extend_from_slice(maxes);
                        *pick.select_nth_unstable_by(k - 1, |x, y| y.total_cmp(x)).1
                    } else {
                        0.0
                    };
                    let mut floor = best.floor();
                    for (blk, chunk) in acc.chunks(SCAN).enumerate() {
                        let top = maxes[blk];
                        if top < bound || top <= floor {
                            continue;
                        }
                        for (o, &s) in chunk.iter().enumerate() {
                            if s >= bound && s > floor {
                                best.offer((blk * SCAN + o) as u32, s.min(1.0));
                                floor = best.floor();
                            }
                        }
                    }
                    acc.fill(0.0);
                }
                best.v
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::text::{TfIdf, terms};
    use super::*;

    /// Small deterministic generator (xorshift), so tests need no extra crates.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[rustfmt::skip]
    const WORDS: &[&str] = &[
        "assesses",
        "anxiety",
        "depression",
        "school",
        "parents",
        "plans",
        "explains",
        "risk",
        "sleep",
        "worry",
        "exposure",
        "goals",
        "family",
        "teachers",
        "behaviour",
        "mood",
        "panic",
        "young",
        "people",
        "supervision",
        "outcome",
        "measures",
        "safeguarding",
        "consent",
        "CBT",
        "self-help",
        "low",
        "mood",
    ];

    fn texts(rng: &mut Rng, n: usize) -> Vec<String> {
        (0..n)
            .map(|_| {
                let len = 1 + rng.below(8);
                (0..len)
                    .map(|_| WORDS[rng.below(WORDS.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn vectors_match_tfidf_fit_and_vector() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let (a, b) = (texts(&mut rng, 40), texts(&mut rng, 30));
        let v = vectorise(&a, &b);
        let all: Vec<Vec<String>> = a.iter().chain(&b).map(|t| terms(t)).collect();
        let model = TfIdf::fit(all.iter().map(Vec::as_slice));
        assert_eq!(v.vocab, model.terms.len());
        for (got, doc) in v.a.iter().chain(&v.b).zip(&all) {
            assert_eq!(got, &model.vector(doc));
        }
    }

    #[test]
    fn top_k_equals_brute_force_top_k() {
        for seed in 1..20u64 {
            let mut rng = Rng(seed.wrapping_mul(0x2545_f491_4f6c_dd1d));
            // Up to several scan blocks of A, so the block bound of the dense path is exercised.
            let na = 1 + rng.below(400);
            let nb = 1 + rng.below(30);
            let (a, b) = (texts(&mut rng, na), texts(&mut rng, nb));
            let v = vectorise(&a, &b);
            let index = Index::build(&v.a, v.vocab);
            let m = matrix(&index, &v.b);
            for k in [1, 3, 10, 100] {
                let top = top_k(&index, &v.b, k);
                for (j, row) in top.iter().enumerate() {
                    // Brute force: every pair by the sparse dot product, sorted best first, lower index on ties.
                    let mut brute: Vec<(u32, f64)> =
                        v.a.iter()
                            .enumerate()
                            .map(|(i, x)| (i as u32, x.dot(&v.b[j])))
                            .filter(|&(_, s)| s > 0.0)
                            .collect();
                    brute.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                    brute.truncate(k);
                    assert_eq!(row.len(), brute.len(), "seed {seed} k {k} row {j}");
                    for (&(i, s), &(bi, bs)) in row.iter().zip(&brute) {
                        // Same scores in order; the same documents unless two scores tie within rounding.
                        assert!((s as f64 - bs).abs() < 1e-5, "seed {seed} row {j}");
                        assert!((s as f64 - v.a[i as usize].dot(&v.b[j])).abs() < 1e-5);
                        assert_eq!(s, m[[j, i as usize]]);
                        if i != bi {
                            assert!((m[[j, i as usize]] - m[[j, bi as usize]]).abs() < 1e-5);
                        }
                    }
                    // Exact determinism: ties in f32 go to the lower index.
                    for w in row.windows(2) {
                        assert!(w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0));
                    }
                }
            }
        }
    }

    /// The multiply-adds a query costs are the (document of A, term) pairs it shares terms with, counted
    /// naively over the vectors.
    #[test]
    fn cost_counts_the_shared_postings() {
        let mut rng = Rng(7);
        let (a, b) = (texts(&mut rng, 60), texts(&mut rng, 25));
        let v = vectorise(&a, &b);
        let index = Index::build(&v.a, v.vocab);
        for q in &v.b {
            let naive: usize =
                v.a.iter()
                    .map(|d| {
                        d.0.iter()
                            .filter(|(t, _)| q.0.iter().any(|(u, _)| u == t))
                            .count()
                    })
                    .sum();
            assert_eq!(index.cost(q), naive);
        }
    }

    #[test]
    fn scores_are_in_unit_interval_and_identical_texts_score_one() {
        let mut rng = Rng(42);
        let a = texts(&mut rng, 50);
        let mut b = texts(&mut rng, 20);
        b.push(a[7].clone());
        b.push(a[7].to_uppercase());
        let v = vectorise(&a, &b);
        let index = Index::build(&v.a, v.vocab);
        let m = matrix(&index, &v.b);
        assert!(m.iter().all(|s| (0.0..=1.0).contains(s)));
        for row in [b.len() - 2, b.len() - 1] {
            assert!((m[[row, 7]] - 1.0).abs() < 1e-6);
            let top = top_k(&index, &v.b[row..row + 1], 1);
            assert!((top[0][0].1 - 1.0).abs() < 1e-6);
            // Another line of A may equal line 7; then the lower index wins.
            assert!(top[0][0].0 <= 7);
        }
        for row in top_k(&index, &v.b, 5) {
            assert!(row.iter().all(|&(_, s)| s > 0.0 && s <= 1.0));
        }
    }

    #[test]
    fn empty_sides_and_k_zero() {
        let a: Vec<String> = vec![];
        let b = vec!["anxiety in school".to_string()];
        let v = vectorise(&a, &b);
        let index = Index::build(&v.a, v.vocab);
        assert_eq!(top_k(&index, &v.b, 3), vec![Vec::new()]);
        assert_eq!(matrix(&index, &v.b).dim(), (1, 0));
        let v = vectorise(&b, &b);
        let index = Index::build(&v.a, v.vocab);
        assert_eq!(top_k(&index, &v.b, 0), vec![Vec::new()]);
    }
}
