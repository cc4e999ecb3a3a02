//! Hand-written SVG heatmaps: labelled axes, the value printed in every cell, a colour legend. Values are
//! expected in 0–1 (scores and shares); anything outside is clamped for the colour only.

use std::fmt::Write;

use super::html::escape;
use crate::analysis::Matrix;

const CELL_W: usize = 58;
const CELL_H: usize = 34;
/// Approximate width of one character of the 12px label font.
const CHAR_W: usize = 7;

/// Sequential blue scale, light (0) to dark (1).
const STOPS: [(f64, [u8; 3]); 5] = [
    (0.0, [247, 251, 255]),
    (0.25, [198, 219, 239]),
    (0.5, [107, 174, 214]),
    (0.75, [33, 113, 181]),
    (1.0, [8, 48, 107]),
];

pub fn colour(v: f64) -> String {
    let v = if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let i = STOPS
        .windows(2)
        .position(|w| v <= w[1].0)
        .unwrap_or(STOPS.len() - 2);
    let ((x0, c0), (x1, c1)) = (STOPS[i], STOPS[i + 1]);
    let t = (v - x0) / (x1 - x0);
    let mix = |k: usize| (c0[k] as f64 + (c1[k] as f64 - c0[k] as f64) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(0), mix(1), mix(2))
}

/// Dark text on light cells, white on dark ones.
fn ink(v: f64) -> &'static str {
    if v > 0.55 { "#ffffff" } else { "#111111" }
}

fn label_width(labels: &[String]) -> usize {
    labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) * CHAR_W
}

/// A heatmap of `m`: rows down the left, columns along the top (labels at 45°), legend on the right.
pub fn heatmap(m: &Matrix, title: &str, rows_axis: &str, cols_axis: &str) -> String {
    let (nr, nc) = (m.rows.len(), m.cols.len());
    let left = label_width(&m.rows) + 40;
    // Column labels are rotated 45°: their height is about 0.71 × their length.
    let top = (label_width(&m.cols) as f64 * 0.71) as usize + 44;
    let grid_w = nc * CELL_W;
    let grid_h = nr * CELL_H;
    let legend_x = left + grid_w + 30;
    let legend_h = grid_h.clamp(120, 240);
    let width = legend_x + 90;
    let height = (top + grid_h).max(top + legend_h) + 20;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#,
        escape(title)
    );
    let _ = write!(s, "<title>{}</title>", escape(title));
    // Axis titles.
    let _ = write!(
        s,
        r#"<text x="{}" y="14" text-anchor="middle" font-weight="bold">{}</text>"#,
        left + grid_w / 2,
        escape(cols_axis)
    );
    let _ = write!(
        s,
        r#"<text transform="translate(14 {}) rotate(-90)" text-anchor="middle" font-weight="bold">{}</text>"#,
        top + grid_h / 2,
        escape(rows_axis)
    );
    // Column labels.
    for (j, c) in m.cols.iter().enumerate() {
        let x = left + j * CELL_W + CELL_W / 2;
        let _ = write!(
            s,
            r#"<text transform="translate({x} {}) rotate(-45)" text-anchor="start">{}</text>"#,
            top - 6,
            escape(c)
        );
    }
    // Rows: label and cells.
    for (i, (r, vals)) in m.rows.iter().zip(&m.values).enumerate() {
        let y = top + i * CELL_H;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>"#,
            left - 6,
            y + CELL_H / 2,
            escape(r)
        );
        for (j, v) in vals.iter().enumerate() {
            let x = left + j * CELL_W;
            let col = m.cols.get(j).map_or("", String::as_str);
            let _ = write!(
                s,
                r##"<g><title>{} × {}: {v:.2}</title><rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="{}" stroke="#ffffff"/><text x="{}" y="{}" text-anchor="middle" dominant-baseline="middle" fill="{}">{v:.2}</text></g>"##,
                escape(r),
                escape(col),
                colour(*v),
                x + CELL_W / 2,
                y + CELL_H / 2,
                ink(*v)
            );
        }
    }
    let _ = write!(
        s,
        r##"<rect x="{left}" y="{top}" width="{grid_w}" height="{grid_h}" fill="none" stroke="#555555"/>"##
    );
    // Legend: ten steps from 1 (top) to 0 (bottom), with ticks.
    let steps = 10;
    let step_h = legend_h as f64 / steps as f64;
    let _ = write!(
        s,
        r#"<text x="{legend_x}" y="{}" font-weight="bold">0–1 scale</text>"#,
        top - 10
    );
    for k in 0..steps {
        let v = 1.0 - (k as f64 + 0.5) / steps as f64;
        let _ = write!(
            s,
            r#"<rect x="{legend_x}" y="{:.1}" width="18" height="{:.1}" fill="{}"/>"#,
            top as f64 + k as f64 * step_h,
            step_h + 0.5,
            colour(v)
        );
    }
    let _ = write!(
        s,
        r##"<rect x="{legend_x}" y="{top}" width="18" height="{legend_h}" fill="none" stroke="#555555"/>"##
    );
    for tick in [1.0, 0.75, 0.5, 0.25, 0.0] {
        let y = top as f64 + (1.0 - tick) * legend_h as f64;
        let _ = write!(
            s,
            r##"<line x1="{}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#555555"/><text x="{}" y="{y:.1}" dominant-baseline="middle">{tick:.2}</text>"##,
            legend_x + 18,
            legend_x + 23,
            legend_x + 26
        );
    }
    s.push_str("</svg>");
    s
}
