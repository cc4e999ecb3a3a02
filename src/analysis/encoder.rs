//! The embedding model's network: a BERT encoder (all-MiniLM-L6-v2: 6 layers, 12 heads, 384 wide) written
//! out with candle's tensors, the same computation as `candle_transformers`' `BertModel` except the GELU (and a
//! softmax fused over the last dimension).
//!
//! Why not that crate's model: its exact GELU evaluates `erf` one element at a time through libm, a fifth of
//! the model's CPU (profile of `embed_throughput`, benches/README.md). Here the GELU runs over each
//! intermediate tensor as one slice with an `erf` written to vectorise ([`erf`]); its error (below 1e-6) is far
//! under what the embedding cache tolerates, so embeddings agree with the reference forward pass
//! (`tests/meaning.rs` checks the cache against this network).

use candle_core::{D, DType, Result, Tensor};
use candle_nn::{Embedding, LayerNorm, Linear, Module, VarBuilder, embedding, layer_norm, linear};

/// The shape of the network.
pub struct Shape {
    pub vocab: usize,
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub intermediate: usize,
    pub positions: usize,
    pub types: usize,
    pub layer_norm_eps: f64,
}

struct Layer {
    query: Linear,
    key: Linear,
    value: Linear,
    attention_out: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    /// `intermediate`'s bias, read once at load: it is added in the GELU's pass.
    intermediate_bias: Vec<f32>,
    out: Linear,
    out_norm: LayerNorm,
}

pub struct Encoder {
    words: Embedding,
    positions: Embedding,
    types: Embedding,
    norm: LayerNorm,
    layers: Vec<Layer>,
    heads: usize,
}

impl Encoder {
    /// Loads the weights under the names BERT checkpoints use (`embeddings.*`, `encoder.layer.N.*`).
    pub fn load(vb: VarBuilder, s: &Shape) -> Result<Encoder> {
        let e = vb.pp("embeddings");
        let norm = |size, vb: VarBuilder| layer_norm(size, s.layer_norm_eps, vb.pp("LayerNorm"));
        let layers = (0..s.layers)
            .map(|i| {
                let l = vb.pp(format!("encoder.layer.{i}"));
                let intermediate = linear(s.hidden, s.intermediate, l.pp("intermediate.dense"))?;
                let a = l.pp("attention");
                Ok(Layer {
                    query: linear(s.hidden, s.hidden, a.pp("self.query"))?,
                    key: linear(s.hidden, s.hidden, a.pp("self.key"))?,
                    value: linear(s.hidden, s.hidden, a.pp("self.value"))?,
                    attention_out: linear(s.hidden, s.hidden, a.pp("output.dense"))?,
                    attention_norm: norm(s.hidden, a.pp("output"))?,
                    intermediate_bias: match intermediate.bias() {
                        Some(c) => c.to_vec1::<f32>()?,
                        None => vec![0.0; s.intermediate],
                    },
                    intermediate,
                    out: linear(s.intermediate, s.hidden, l.pp("output.dense"))?,
                    out_norm: norm(s.hidden, l.pp("output"))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Encoder {
            words: embedding(s.vocab, s.hidden, e.pp("word_embeddings"))?,
            positions: embedding(s.positions, s.hidden, e.pp("position_embeddings"))?,
            types: embedding(s.types, s.hidden, e.pp("token_type_embeddings"))?,
            norm: norm(s.hidden, e.clone())?,
            layers,
            heads: s.heads,
        })
    }

    /// The last layer's hidden states (batch × tokens × hidden) for token ids, type ids and the attention
    /// mask (1 for a real token, 0 for padding), each batch × tokens.
    pub fn forward(&self, ids: &Tensor, types: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let (_, tokens) = ids.dims2()?;
        let at = Tensor::arange(0u32, tokens as u32, ids.device())?;
        let x = (self.words.forward(ids)? + self.types.forward(types)?)?
            .broadcast_add(&self.positions.forward(&at)?)?;
        let mut x = self.norm.forward(&x)?;
        // Padding gets the lowest score before the softmax, so no token attends to it.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(1)?.unsqueeze(1)?;
        let mask = mask.affine(-1.0, 1.0)?.affine(f64::from(f32::MIN), 0.0)?;
        for l in &self.layers {
            x = self.layer(l, &x, &mask)?;
        }
        Ok(x)
    }

    fn layer(&self, l: &Layer, x: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let (b, t, h) = x.dims3()?;
        let size = h / self.heads;
        let split = |y: Tensor| -> Result<Tensor> {
            y.reshape((b, t, self.heads, size))?
                .transpose(1, 2)?
                .contiguous()
        };
        let q = split(l.query.forward(x)?)?;
        let k = split(l.key.forward(x)?)?;
        let v = split(l.value.forward(x)?)?;
        let scores = (q.matmul(&k.t()?)? / (size as f64).sqrt())?.broadcast_add(mask)?;
        let probs = candle_nn::ops::softmax_last_dim(&scores)?;
        let context = probs
            .matmul(&v)?
            .transpose(1, 2)?
            .contiguous()?
            .flatten_from(D::Minus2)?;
        let a = l
            .attention_norm
            .forward(&(l.attention_out.forward(&context)? + x)?)?;
        let inner = dense_gelu(&l.intermediate, &l.intermediate_bias, &a)?;
        l.out_norm.forward(&(l.out.forward(&inner)? + a)?)
    }
}

/// The intermediate layer: `dense`'s weight, its `bias`, then the exact GELU, x · ½ (1 + erf(x / √2)). The bias
/// is added in the same pass over the product as the GELU (the largest tensor of the network).
fn dense_gelu(dense: &Linear, bias: &[f32], x: &Tensor) -> Result<Tensor> {
    let (b, t, h) = x.dims3()?;
    let w = dense.weight();
    let width = w.dim(0)?;
    let product = x.contiguous()?.reshape((b * t, h))?.matmul(&w.t()?)?;
    let mut v = product.flatten_all()?.to_vec1::<f32>()?;
    gelu_rows(&mut v, bias);
    Tensor::from_vec(v, (b, t, width), x.device())
}

/// GELU(y + bias) for every row of `v` (rows as long as `bias`), on the widest vector instructions the
/// processor has (the build targets plain x86-64, whose vectors hold 4 floats; AVX2 holds 8 and AVX-512 16).
fn gelu_rows(v: &mut [f32], bias: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512f") {
            // SAFETY: the processor has AVX-512F, checked just above.
            return unsafe { gelu_avx512(v, bias) };
        }
        if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
            // SAFETY: the processor has AVX2 and FMA, checked just above.
            return unsafe { gelu_avx2(v, bias) };
        }
    }
    gelu_each(v, bias)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn gelu_avx512(v: &mut [f32], bias: &[f32]) {
    gelu_each(v, bias)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn gelu_avx2(v: &mut [f32], bias: &[f32]) {
    gelu_each(v, bias)
}

#[inline(always)]
fn gelu_each(v: &mut [f32], bias: &[f32]) {
    for row in v.chunks_exact_mut(bias.len()) {
        for (y, c) in row.iter_mut().zip(bias) {
            let x = *y + c;
            *y = x * 0.5 * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2));
        }
    }
}

/// erf(x) by Abramowitz and Stegun 7.1.26 (1.5e-7 in exact arithmetic, below 1e-6 in f32), with no branch and
/// no library call, so a loop over a slice vectorises.
#[inline(always)]
pub fn erf(x: f32) -> f32 {
    let a = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * a);
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152 + t * 1.061_405_4))));
    (1.0 - poly * exp(-a * a)).copysign(x)
}

/// e^x for x ≤ 0 (the only use here), to within a few units in the last place, with no branch: 2^n times a
/// polynomial on the remainder, n found by the round-to-nearest trick of adding 1.5 × 2^23.
#[inline(always)]
fn exp(x: f32) -> f32 {
    let x = x.max(-87.0);
    const SHIFT: f32 = 12_582_912.0;
    let big = x * std::f32::consts::LOG2_E + SHIFT;
    let n = big - SHIFT;
    let r = x - n * 0.693_145_75 - n * 1.428_606_8e-6;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (0.166_666_67
                    + r * (0.041_666_668 + r * (0.008_333_334 + r * 0.001_388_889)))));
    // n is also the integer in `big`'s low mantissa bits: read it there (integer vector arithmetic) rather
    // than convert the float (a saturating conversion the compiler does one element at a time).
    let k = big.to_bits().wrapping_sub(SHIFT.to_bits());
    p * f32::from_bits(k.wrapping_add(127) << 23)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// erf by its Taylor series in f64 (exact enough for |x| ≤ 3) and 1 beyond.
    fn reference(x: f64) -> f64 {
        if x.abs() > 3.5 {
            return x.signum();
        }
        let (mut term, mut sum) = (x, x);
        for n in 1..200 {
            term *= -x * x / n as f64;
            sum += term / (2 * n + 1) as f64;
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    }

    #[test]
    fn erf_is_within_1e_6_everywhere() {
        let mut worst = 0f64;
        for k in -8000..=8000 {
            let x = k as f32 / 1000.0;
            worst = worst.max((f64::from(erf(x)) - reference(f64::from(x))).abs());
        }
        assert!(worst < 1e-6, "{worst}");
        assert!(erf(0.0).abs() < 1e-7);
        assert_eq!(erf(-20.0), -1.0);
    }

    #[test]
    fn exp_is_within_a_few_ulps() {
        for k in 0..=8700 {
            let x = -(k as f32) / 100.0;
            let (got, want) = (exp(x), x.exp());
            assert!(
                (got - want).abs() <= want * 4e-7 + f32::MIN_POSITIVE,
                "{x}: {got} {want}"
            );
        }
    }
}
