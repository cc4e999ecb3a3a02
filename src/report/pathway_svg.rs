//! The pathway map as a hand-written SVG: roles on a circle, one curved arrow per direction of each pair
//! (so both routes between two roles stay apart), labelled with the route. Drawing only: the verdicts and
//! credits come from `analysis::pathways`, the labels from `pathways_views::label`.

use std::f64::consts::PI;
use std::fmt::Write;

use super::html::escape;
use super::pathways_views::label;
use crate::analysis::VerdictKind;
use crate::analysis::pathways::Pathways;

/// Approximate width of one character of the 12px label font.
const CHAR_W: f64 = 7.0;
const NODE_H: f64 = 30.0;
/// How far a curve bends away from the straight line, as a share of its length, so the two directions of a
/// pair do not overlap.
const BEND: f64 = 0.12;
/// Where along its curve an edge's label sits: nearer the role it leaves, so the two labels of a pair, and
/// those of edges crossing in the middle, stay apart.
const LABEL_AT: f64 = 0.33;

fn style(kind: VerdictKind) -> (&'static str, &'static str, &'static str) {
    // (colour, dash pattern, width)
    match kind {
        VerdictKind::TopUp => ("#2b7a3d", "none", "2"),
        VerdictKind::Equivalent => ("#1f4e9c", "none", "3"),
        VerdictKind::RuledOut => ("#9a3b3b", "6 4", "1.5"),
        VerdictKind::CannotJudge => ("#777777", "2 4", "1.5"),
    }
}

pub fn pathways(p: &Pathways, title: &str) -> String {
    let n = p.nodes.len().max(1);
    let radius = 90.0 + 55.0 * n as f64;
    let (cx, cy) = (radius + 170.0, radius + 60.0);
    let (width, height) = (2.0 * cx, 2.0 * cy + 40.0);
    let at = |i: usize| {
        let a = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
        (cx + radius * a.cos(), cy + radius * a.sin())
    };
    let index = |id: &str| p.nodes.iter().position(|x| x.id == id);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="pathways" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-label="{t}" font-family="Helvetica, Arial, sans-serif" font-size="12"><title>{t}</title>"#,
        t = escape(title)
    );
    s.push_str("<defs>");
    for kind in [
        VerdictKind::TopUp,
        VerdictKind::Equivalent,
        VerdictKind::RuledOut,
        VerdictKind::CannotJudge,
    ] {
        let (colour, _, _) = style(kind);
        let _ = write!(
            s,
            r#"<marker id="arrow-{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>"#,
            kind.label().replace(' ', "-")
        );
    }
    s.push_str("</defs>");
    for e in &p.edges {
        let (Some(i), Some(j)) = (index(&e.from), index(&e.to)) else {
            continue;
        };
        let ((x0, y0), (x1, y1)) = (at(i), at(j));
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        // Leave the node boxes clear at both ends; bend to the left of the direction of travel.
        let gap = NODE_H;
        let (sx, sy, ex, ey) = (x0 + ux * gap, y0 + uy * gap, x1 - ux * gap, y1 - uy * gap);
        let bend = BEND * len;
        let (qx, qy) = ((sx + ex) / 2.0 + uy * bend, (sy + ey) / 2.0 - ux * bend);
        // The quadratic Bézier at LABEL_AT.
        let t = LABEL_AT;
        let (b0, b1, b2) = ((1.0 - t) * (1.0 - t), 2.0 * (1.0 - t) * t, t * t);
        let (lx, ly) = (b0 * sx + b1 * qx + b2 * ex, b0 * sy + b1 * qy + b2 * ey);
        let (colour, dash, w) = style(e.verdict);
        let _ = write!(
            s,
            r#"<path d="M{sx:.1},{sy:.1} Q{qx:.1},{qy:.1} {ex:.1},{ey:.1}" fill="none" stroke="{colour}" stroke-width="{w}" stroke-dasharray="{dash}" marker-end="url(#arrow-{})"><title>{} → {}: {}</title></path>"#,
            e.verdict.label().replace(' ', "-"),
            escape(&e.from),
            escape(&e.to),
            escape(&label(e))
        );
        let _ = write!(
            s,
            r##"<text x="{lx:.1}" y="{ly:.1}" text-anchor="middle" fill="{colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            escape(&label(e))
        );
    }
    for (i, node) in p.nodes.iter().enumerate() {
        let (x, y) = at(i);
        let w = (node.id.chars().count() as f64 * CHAR_W + 24.0).max(60.0);
        let _ = write!(
            s,
            r##"<g><title>{}</title><rect x="{:.1}" y="{:.1}" width="{w:.1}" height="{NODE_H}" rx="6" fill="#f4f6fa" stroke="#333333"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-weight="bold">{}</text></g>"##,
            escape(&node.title),
            x - w / 2.0,
            y - NODE_H / 2.0,
            y + 4.0,
            escape(&node.id)
        );
    }
    let _ = write!(
        s,
        r#"<text x="20" y="{:.0}">Solid green: top-up; bold blue: equivalent; dashed red: shortened training ruled out; dotted grey: cannot judge.</text></svg>"#,
        height - 14.0
    );
    s
}
