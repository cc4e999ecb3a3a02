//! Fitting the acceptance model of `check` (`params::Acceptance`) on labelled answers: an L2-regularised
//! logistic regression of "the expert accepts the pick" on the pick's evidence, solved by Newton's method
//! (deterministic, so a test can prove the shipped weights are the ones the dev split gives), and the bar that
//! makes the most of covered-and-right plus no-match-left-unmatched.

use super::Answer;
use crate::analysis::params::Acceptance;

const N: usize = 6;

/// One pick: its evidence, whether the expert accepts it, and whether the expert matched the outcome at all.
struct Pick {
    x: [f64; N],
    right: bool,
    expert_matched: bool,
}

fn picks(answers: &[Answer<'_>]) -> Vec<Pick> {
    let mut v = Vec::new();
    for a in answers {
        for (o, accepted) in a.result.outcomes.iter().zip(&a.gold.outcomes) {
            let Some(best) = &o.best else { continue };
            let id = best.split_once(':').map_or(best.as_str(), |(_, o)| o);
            v.push(Pick {
                x: o.evidence,
                right: accepted.contains(id),
                expert_matched: !accepted.is_empty(),
            });
        }
    }
    v
}

/// Solves `m · x = b` by Gaussian elimination with partial pivoting (m is small and positive definite).
fn solve(mut m: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n)
            .max_by(|&i, &j| m[i][c].abs().total_cmp(&m[j][c].abs()))
            .unwrap_or(c);
        m.swap(c, p);
        b.swap(c, p);
        let pivot = m[c].clone();
        for r in c + 1..n {
            let f = m[r][c] / pivot[c];
            for (x, p) in m[r][c..].iter_mut().zip(&pivot[c..]) {
                *x -= f * p;
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|k| m[r][k] * x[k]).sum();
        x[r] = (b[r] - s) / m[r][r];
    }
    x
}

/// The acceptance model fitted on `answers` (their outcomes' evidence and the experts' labels): weights on
/// standardised evidence with an L2 penalty of ½‖w‖² (the intercept unpenalised), turned back into weights on
/// the raw evidence, rounded to four decimals; the bar is the probability, on a grid of 0.02, that gives the
/// most covered-and-right plus no-match-left-unmatched on the same answers (ties to the lowest).
pub fn fit_acceptance(answers: &[Answer<'_>]) -> Acceptance {
    let data = picks(answers);
    let n = data.len().max(1) as f64;
    let mut mu = [0.0; N];
    let mut sd = [0.0; N];
    for j in 0..N {
        mu[j] = data.iter().map(|d| d.x[j]).sum::<f64>() / n;
        let var = data.iter().map(|d| (d.x[j] - mu[j]).powi(2)).sum::<f64>() / n;
        sd[j] = if var > 1e-12 { var.sqrt() } else { 1.0 };
    }
    // Row k: [1, standardised evidence].
    let rows: Vec<[f64; N + 1]> = data
        .iter()
        .map(|d| {
            let mut r = [1.0; N + 1];
            for j in 0..N {
                r[j + 1] = (d.x[j] - mu[j]) / sd[j];
            }
            r
        })
        .collect();
    let mut w = vec![0.0; N + 1];
    for _ in 0..50 {
        let mut grad = vec![0.0; N + 1];
        let mut hess = vec![vec![0.0; N + 1]; N + 1];
        for (r, d) in rows.iter().zip(&data) {
            let z: f64 = r.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = f64::from(u8::from(d.right));
            for i in 0..=N {
                grad[i] += (p - y) * r[i];
                for k in 0..=N {
                    hess[i][k] += p * (1.0 - p) * r[i] * r[k];
                }
            }
        }
        for i in 1..=N {
            grad[i] += w[i];
            hess[i][i] += 1.0;
        }
        let step = solve(hess, grad);
        let mut moved = 0.0f64;
        for i in 0..=N {
            w[i] -= step[i];
            moved = moved.max(step[i].abs());
        }
        if moved < 1e-12 {
            break;
        }
    }
    let r4 = |x: f64| (x * 10_000.0).round() / 10_000.0;
    let mut weights = [0.0; N];
    let mut bias = w[0];
    for j in 0..N {
        weights[j] = r4(w[j + 1] / sd[j]);
        bias -= w[j + 1] * mu[j] / sd[j];
    }
    let mut model = Acceptance {
        bias: r4(bias),
        weights,
        bar: 0.5,
    };
    let matched = data.iter().filter(|d| d.expert_matched).count().max(1) as f64;
    let none = data.iter().filter(|d| !d.expert_matched).count().max(1) as f64;
    let mut best = f64::MIN;
    for k in 10..=40 {
        let bar = f64::from(k) * 0.02;
        let (mut right, mut left) = (0usize, 0usize);
        for d in &data {
            let on = model.probability(&d.x) >= bar;
            right += usize::from(on && d.right && d.expert_matched);
            left += usize::from(!on && !d.expert_matched);
        }
        let obj = right as f64 / matched + left as f64 / none;
        if obj > best + 1e-9 {
            best = obj;
            model.bar = r4(bar);
        }
    }
    model
}
