//! Sentence embeddings: all-MiniLM-L6-v2 run offline inside the program (candle, pure Rust), mean-pooled over
//! the attention mask and L2-normalised, so the cosine of two texts is their dot product.
//!
//! The weights (Apache-2.0; `model/NOTICE`) are compiled into the binary as f16 and widened to f32 at load.
//! The model is loaded only when a text is not in the embedding cache: the cache holds every text of the
//! shipped curricula, computed ahead by `cargo run --release --example embeddings` and tied to the weights'
//! checksum, so comparing shipped curricula never runs the network.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::encoder::{Encoder, Shape};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use tokenizers::{PaddingParams, Tokenizer, TruncationParams};

/// Width of an embedding.
pub const DIM: usize = 384;
/// sha256 of `model/minilm-l6-v2.f16.safetensors` (checked by a test; `model/convert.py` rebuilds it).
pub const MODEL_SHA256: &str = "574d972215cec20d02228b9d503917ec3d539139183b25bc00c9aa1007de5463";
/// Longest input in word pieces (the model was trained on up to 256; outcomes are far shorter).
const MAX_TOKENS: usize = 256;
/// Texts per forward pass.
const BATCH: usize = 32;

static WEIGHTS: &[u8] = include_bytes!("../../model/minilm-l6-v2.f16.safetensors");
static TOKENIZER: &[u8] = include_bytes!("../../model/tokenizer.json");
static CACHE: &[u8] = include_bytes!("../../model/embeddings.bin");

/// Sets the process up so the model's element-wise operations run on the calling thread, and batches run in
/// parallel instead.
///
/// candle spreads every element-wise operation of a forward pass over its own pool of spinning threads; the
/// model's tensors for one batch of outcomes are small, so on few cores those threads spend much of their time
/// waiting at each operation's barrier. Embedding whole batches in parallel on rayon's threads (matrix
/// products still split their work on the same threads) uses about a quarter less CPU and finishes sooner
/// (`benches/embed_peer.sh`, README Performance). candle reads the size of that pool from the environment
/// (`CANDLE_NUM_THREADS`) when it first starts it, so this sets it to 1. Without it results are the same, only
/// slower.
///
/// # Safety
/// Changes the environment: call it before any other thread exists (first thing in `main`).
pub unsafe fn one_thread_per_operation() {
    // SAFETY: the caller guarantees no other thread runs, so nothing reads the environment concurrently.
    unsafe {
        std::env::set_var("CANDLE_NUM_THREADS", "1");
    }
}

/// A unit vector of [`DIM`] floats.
pub type Embedding = std::sync::Arc<[f32]>;

/// Cosine of two unit vectors, clamped to [0, 1] (negative similarity means "unrelated" here).
pub fn cosine(a: &[f32], b: &[f32]) -> f64 {
    (f64::from(dot(a, b))).clamp(0.0, 1.0)
}

/// The dot product on the widest vectors the processor has (every pair of outcomes is scored, so this is the
/// hot loop of a comparison). Each width runs the same additions in the same order: the same result.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            return unsafe { dot_avx2(a, b) };
        }
    }
    dot_each(a, b)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn dot_avx2(a: &[f32], b: &[f32]) -> f32 {
    dot_each(a, b)
}

#[inline(always)]
fn dot_each(a: &[f32], b: &[f32]) -> f32 {
    // Eight running sums instead of one: the additions no longer wait on each other, so the loop
    // vectorises.
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// Key of a text in the cache: FNV-1a over its words joined by single spaces, so wrapping in a spec file
/// does not change it.
pub fn key(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut first = true;
    for w in text.split_whitespace() {
        if !first {
            h = (h ^ u64::from(b' ')).wrapping_mul(0x100_0000_01b3);
        }
        first = false;
        for b in w.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

fn shape() -> Shape {
    Shape {
        vocab: 30522,
        hidden: DIM,
        layers: 6,
        heads: 12,
        intermediate: 1536,
        positions: 512,
        types: 2,
        layer_norm_eps: 1e-12,
    }
}

/// The loaded network and its tokenizer.
pub struct Model {
    encoder: Encoder,
    tokenizer: Tokenizer,
}

impl Model {
    pub fn load() -> Result<Model, String> {
        let err = |e: &dyn std::fmt::Display| format!("the embedding model cannot be loaded: {e}");
        let vb = VarBuilder::from_slice_safetensors(WEIGHTS, DType::F32, &Device::Cpu)
            .map_err(|e| err(&e))?;
        let encoder = Encoder::load(vb, &shape()).map_err(|e| err(&e))?;
        let mut tokenizer = Tokenizer::from_bytes(TOKENIZER).map_err(|e| err(&e))?;
        tokenizer.with_padding(Some(PaddingParams::default()));
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..Default::default()
            }))
            .map_err(|e| err(&e))?;
        Ok(Model { encoder, tokenizer })
    }

    /// Embeddings of `texts`, in order. Texts are batched by length so little padding is computed, and the
    /// batches run in parallel, at least one per thread (see [`one_thread_per_operation`]).
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Embedding>, String> {
        use rayon::prelude::*;
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        let size = texts
            .len()
            .div_ceil(rayon::current_num_threads())
            .clamp(1, BATCH);
        let batches: Vec<&[usize]> = order.chunks(size).collect();
        let done: Vec<Vec<Embedding>> = batches
            .par_iter()
            .map(|chunk| {
                let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
                self.forward(&batch).map_err(|e| e.to_string())
            })
            .collect::<Result<_, _>>()?;
        let mut out: Vec<Option<Embedding>> = vec![None; texts.len()];
        for (chunk, embs) in batches.iter().zip(done) {
            for (&i, e) in chunk.iter().zip(embs) {
                out[i] = Some(e);
            }
        }
        out.into_iter()
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| "the embedding model returned fewer vectors than texts".to_string())
    }

    fn forward(&self, batch: &[&str]) -> Result<Vec<Embedding>, Box<dyn std::error::Error>> {
        let enc = self
            .tokenizer
            .encode_batch(batch.to_vec(), true)
            .map_err(|e| e.to_string())?;
        let dev = &Device::Cpu;
        let rows = |f: &dyn Fn(&tokenizers::Encoding) -> Vec<u32>| -> candle_core::Result<Tensor> {
            let v: Vec<Tensor> = enc
                .iter()
                .map(|e| Tensor::new(f(e).as_slice(), dev))
                .collect::<candle_core::Result<_>>()?;
            Tensor::stack(&v, 0)
        };
        let ids = rows(&|e| e.get_ids().to_vec())?;
        let types = rows(&|e| e.get_type_ids().to_vec())?;
        let mask = rows(&|e| e.get_attention_mask().to_vec())?;
        let hidden = self.encoder.forward(&ids, &types, &mask)?;
        // Mean over real tokens only, then unit length.
        let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&m)?.sum(1)?;
        let counts = m.sum(1)?;
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?;
        let unit = mean.broadcast_div(&norm)?;
        Ok(unit
            .to_vec2::<f32>()?
            .into_iter()
            .map(Embedding::from)
            .collect())
    }
}

/// The cached embeddings of the shipped texts: `OVLEMB1\n`, the model checksum (64 hex bytes), a u32 count,
/// then per text its u64 key and DIM f32 values, little-endian, sorted by key. Read in place: a lookup is a
/// binary search over the entries and decodes only the vector asked for, so no map of every entry is built
/// at each start (`overlap cwp emhp` spent 2 % of its instructions building one).
pub struct Cache<'a> {
    entries: &'a [u8],
}

/// Bytes of one cache entry: the key, then the vector.
const ENTRY: usize = 8 + 4 * DIM;

impl<'a> Cache<'a> {
    /// The cache in `bytes`; empty when they are not a cache of this model's embeddings.
    pub fn read(bytes: &'a [u8]) -> Cache<'a> {
        let empty = Cache { entries: &[] };
        let head = 8 + 64;
        if bytes.len() < head + 4
            || &bytes[..8] != b"OVLEMB1\n"
            || &bytes[8..head] != MODEL_SHA256.as_bytes()
        {
            return empty;
        }
        let mut n = [0u8; 4];
        n.copy_from_slice(&bytes[head..head + 4]);
        let body = &bytes[head + 4..];
        if body.len() != u32::from_le_bytes(n) as usize * ENTRY {
            return empty;
        }
        Cache { entries: body }
    }

    pub fn len(&self) -> usize {
        self.entries.len() / ENTRY
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn key_at(&self, i: usize) -> u64 {
        let mut k = [0u8; 8];
        k.copy_from_slice(&self.entries[i * ENTRY..i * ENTRY + 8]);
        u64::from_le_bytes(k)
    }

    fn find(&self, key: u64) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.key_at(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo < self.len() && self.key_at(lo) == key).then_some(lo)
    }

    pub fn contains(&self, key: u64) -> bool {
        self.find(key).is_some()
    }

    /// The embedding cached under `key`.
    pub fn get(&self, key: u64) -> Option<Embedding> {
        let i = self.find(key)?;
        let v: Vec<f32> = self.entries[i * ENTRY + 8..(i + 1) * ENTRY]
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        Some(Embedding::from(v))
    }
}

/// Serialises embeddings in the cache format (see [`Cache`]).
pub fn write_cache(entries: &[(u64, Embedding)]) -> Vec<u8> {
    let mut sorted: Vec<&(u64, Embedding)> = entries.iter().collect();
    sorted.sort_by_key(|(k, _)| *k);
    sorted.dedup_by_key(|(k, _)| *k);
    let mut out = b"OVLEMB1\n".to_vec();
    out.extend_from_slice(MODEL_SHA256.as_bytes());
    out.extend_from_slice(&(sorted.len() as u32).to_le_bytes());
    for (k, v) in sorted {
        out.extend_from_slice(&k.to_le_bytes());
        for x in v.iter() {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    out
}

/// Embeddings on demand: from the shipped cache, else from the model (loaded once, on first need).
pub struct Embedder {
    cache: Cache<'static>,
    model: OnceLock<Result<Model, String>>,
    /// Texts embedded by the model during this run, so no text is run twice.
    seen: Mutex<HashMap<u64, Embedding>>,
}

impl Embedder {
    /// The process-wide embedder.
    pub fn shared() -> &'static Embedder {
        static E: OnceLock<Embedder> = OnceLock::new();
        E.get_or_init(|| Embedder {
            cache: Cache::read(CACHE),
            model: OnceLock::new(),
            seen: Mutex::new(HashMap::new()),
        })
    }

    /// Whether the cache holds a text (so embedding it costs nothing).
    pub fn cached(&self, text: &str) -> bool {
        self.cache.contains(key(text))
    }

    /// The model itself, loaded on first use.
    pub fn model(&self) -> Result<&Model, String> {
        self.model
            .get_or_init(Model::load)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Embeddings of `texts`, in order; only texts in neither cache are run through the model.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Embedding>, String> {
        let keys: Vec<u64> = texts.iter().map(|t| key(t)).collect();
        let lock = || self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let missing: Vec<(u64, &str)> = {
            let seen = lock();
            let mut once = std::collections::HashSet::new();
            texts
                .iter()
                .zip(&keys)
                .filter(|(_, k)| {
                    !self.cache.contains(**k) && !seen.contains_key(k) && once.insert(**k)
                })
                .map(|(t, k)| (*k, *t))
                .collect()
        };
        // The lock is not held while the model runs: the model runs its batches on rayon's threads, and a
        // thread that waits for them may meanwhile take up other work that embeds too and would wait for this
        // lock forever. Two callers may then embed the same text twice, which costs time, not correctness.
        if !missing.is_empty() {
            let todo: Vec<&str> = missing.iter().map(|(_, t)| *t).collect();
            let fresh = self.model()?.embed(&todo)?;
            lock().extend(missing.iter().map(|(k, _)| *k).zip(fresh));
        }
        let seen = lock();
        // Every key is in one of the two maps now; a missing one would misalign texts and vectors.
        keys.iter()
            .map(|k| self.cache.get(*k).or_else(|| seen.get(k).cloned()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| "a text has no embedding".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_width_of_the_dot_product_gives_the_same_result() {
        for n in [0, 1, 7, 8, 9, 384, 391] {
            let a: Vec<f32> = (0..n)
                .map(|i| ((i * 37 % 101) as f32 - 50.0) / 97.0)
                .collect();
            let b: Vec<f32> = (0..n)
                .map(|i| ((i * 53 % 89) as f32 - 44.0) / 83.0)
                .collect();
            let naive: f64 = a
                .iter()
                .zip(&b)
                .map(|(x, y)| f64::from(*x) * f64::from(*y))
                .sum();
            assert!((f64::from(dot(&a, &b)) - naive).abs() < 1e-4, "{n}");
            assert_eq!(dot(&a, &b).to_bits(), dot_each(&a, &b).to_bits(), "{n}");
        }
    }

    #[test]
    fn the_cache_finds_every_key_it_holds_and_no_other() {
        let vector = |x: f32| Embedding::from(vec![x; DIM]);
        let keys = [7u64, 3, 11, u64::MAX, 0];
        let entries: Vec<(u64, Embedding)> = keys.iter().map(|&k| (k, vector(k as f32))).collect();
        let bytes = write_cache(&entries);
        let cache = Cache::read(&bytes);
        assert_eq!(cache.len(), keys.len());
        for &k in &keys {
            assert_eq!(cache.get(k).unwrap()[DIM - 1], k as f32, "{k}");
        }
        for k in [1u64, 5, 12, u64::MAX - 1] {
            assert!(!cache.contains(k) && cache.get(k).is_none(), "{k}");
        }
        let mut other_model = bytes.clone();
        other_model[8] ^= 1;
        assert!(Cache::read(&other_model).is_empty());
        assert!(Cache::read(&bytes[..bytes.len() - 1]).is_empty());
        assert!(Cache::read(&write_cache(&[])).is_empty());
    }

    #[test]
    fn cosine_of_unit_vectors() {
        let u = [0.6f32, 0.8];
        assert!((cosine(&u, &u) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(&u, &[-0.6, -0.8]), 0.0);
    }
}
