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
/// most covered-and-right plus no-match-left-unmatched on the same answers (ties to the lowest), with picks
/// below `partial` of their threshold never matched (see [`Acceptance::credit`]); the fit share is then chosen
/// by [`fit_share`].
pub fn fit_acceptance(answers: &[Answer<'_>], partial: f64) -> Acceptance {
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
        fit: 0.5,
    };
    let matched = data.iter().filter(|d| d.expert_matched).count().max(1) as f64;
    let none = data.iter().filter(|d| !d.expert_matched).count().max(1) as f64;
    let mut best = (f64::MIN, 0.5);
    for k in 10..=40 {
        let bar = f64::from(k) * 0.02;
        let (mut right, mut left) = (0usize, 0usize);
        for d in &data {
            model.bar = bar;
            let on = model.credit(&d.x, partial) >= 1.0;
            right += usize::from(on && d.right && d.expert_matched);
            left += usize::from(!on && !d.expert_matched);
        }
        let obj = right as f64 / matched + left as f64 / none;
        if obj > best.0 + 1e-9 {
            best = (obj, r4(bar));
        }
    }
    model.bar = best.1;
    model.fit = fit_share(answers, &model, partial);
    model
}

/// The share of a module's outcomes matched (by `model`) at which the module fits: the middle of the first run
/// of grid points (0.05 apart) that tell the most descriptors right — those the expert maps to a national
/// module fit, the others do not.
fn fit_share(answers: &[Answer<'_>], model: &Acceptance, partial: f64) -> f64 {
    let shares: Vec<(f64, bool)> = answers
        .iter()
        .map(|a| {
            let outcomes = &a.result.outcomes;
            let matched = outcomes
                .iter()
                .filter(|o| o.best.is_some() && model.credit(&o.evidence, partial) >= 1.0)
                .count();
            (
                matched as f64 / outcomes.len().max(1) as f64,
                a.gold.expected.is_some(),
            )
        })
        .collect();
    let right: Vec<usize> = (1..20)
        .map(|k| {
            let bar = f64::from(k) * 0.05;
            shares
                .iter()
                .filter(|(s, expected)| (*s >= bar - 1e-9) == *expected)
                .count()
        })
        .collect();
    let most = right.iter().copied().max().unwrap_or(0);
    let first = right.iter().position(|&r| r == most).unwrap_or(0);
    let run = right[first..].iter().take_while(|&&r| r == most).count();
    let middle = (first + 1) as f64 * 0.05 + (run - 1) as f64 * 0.025;
    (middle * 10_000.0).round() / 10_000.0
}
