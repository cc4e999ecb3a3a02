//! A PDF's text layer (lopdf parses the file; the text operators are walked here): the text of each page
//! gathered into visual lines by position, top to bottom, left to right. A PDF has no paragraphs, so its lines
//! are read as plain text is: a line indented past the page's left edge continues the list item above it, a
//! larger gap than a line's height ends a paragraph. What comes before the page's largest line (its title:
//! a printed page's banner and navigation) is left out, and so are the running header and footer a browser
//! prints in the page margins (a date, the address, "1/2").

use std::collections::BTreeMap;

use lopdf::{Document, Encoding, Object};

use super::{Error, Extracted};

/// A 2-D affine transform [a b c d e f], as PDF writes matrices.
#[derive(Clone, Copy)]
struct M([f32; 6]);

impl M {
    const ID: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    /// `self` then `o` (PDF's order: a point is transformed by self first).
    fn then(self, o: M) -> M {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        M([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }
    fn translate(x: f32, y: f32) -> M {
        M([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

/// One run of text placed on the page.
struct Piece {
    x: f32,
    end: f32,
    y: f32,
    size: f32,
    text: String,
}

/// A font's encoding and the widths of its one-byte codes (thousandths of the size), where it says them.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    widths: BTreeMap<u32, f32>,
    two_byte: bool,
}

fn num(o: &Object) -> Option<f32> {
    o.as_float().ok()
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f32; N]> {
    let v: Vec<f32> = ops.iter().filter_map(num).collect();
    v.try_into().ok()
}

fn font<'a>(doc: &'a Document, dict: &'a lopdf::Dictionary) -> Font<'a> {
    let mut widths = BTreeMap::new();
    let first = dict.get(b"FirstChar").ok().and_then(|o| o.as_i64().ok());
    let list = dict
        .get(b"Widths")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok());
    if let (Some(first), Some(list)) = (first, list) {
        for (k, w) in list.iter().enumerate() {
            if let Some(w) = num(w) {
                widths.insert(first as u32 + k as u32, w);
            }
        }
    }
    let two_byte = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Type0");
    Font {
        encoding: dict.get_font_encoding(doc).ok(),
        widths,
        two_byte,
    }
}

/// The text of a string shown in `font`, and its advance in thousandths of the font size.
fn show(font: Option<&Font<'_>>, bytes: &[u8]) -> (String, f32) {
    let Some(f) = font else {
        return (String::new(), 0.0);
    };
    let text = f
        .encoding
        .as_ref()
        .and_then(|e| Document::decode_text(e, bytes).ok())
        .unwrap_or_default();
    let advance = if f.two_byte {
        (bytes.len() / 2) as f32 * 500.0
    } else {
        bytes
            .iter()
            .map(|b| f.widths.get(&u32::from(*b)).copied().unwrap_or(500.0))
            .sum()
    };
    (text, advance)
}

/// The placed text of one page, in PDF user space (y up).
fn page_pieces(doc: &Document, page: lopdf::ObjectId) -> Result<Vec<Piece>, Error> {
    let fonts: BTreeMap<Vec<u8>, Font<'_>> = doc
        .get_page_fonts(page)
        .map_err(|e| format!("cannot read the page's fonts: {e}"))?
        .into_iter()
        .map(|(name, dict)| (name, font(doc, dict)))
        .collect();
    let content = doc
        .get_and_decode_page_content(page)
        .map_err(|e| format!("cannot read the page's content: {e}"))?;
    let mut out = Vec::new();
    let mut ctm = M::ID;
    let mut saved: Vec<M> = Vec::new();
    let (mut tm, mut tlm) = (M::ID, M::ID);
    let (mut size, mut leading, mut font_name): (f32, f32, Vec<u8>) = (12.0, 0.0, Vec::new());
    for op in &content.operations {
        let args = &op.operands;
        match op.operator.as_str() {
            "q" => saved.push(ctm),
            "Q" => ctm = saved.pop().unwrap_or(M::ID),
            "cm" => {
                if let Some(m) = nums::<6>(args) {
                    ctm = M(m).then(ctm);
                }
            }
            "BT" => {
                tm = M::ID;
                tlm = M::ID;
            }
            "Tf" => {
                font_name = args
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .unwrap_or_default()
                    .to_vec();
                size = args.get(1).and_then(num).unwrap_or(size);
            }
            "TL" => leading = args.first().and_then(num).unwrap_or(leading),
            "Td" | "TD" => {
                if let Some([x, y]) = nums::<2>(args) {
                    if op.operator == "TD" {
                        leading = -y;
                    }
                    tlm = M::translate(x, y).then(tlm);
                    tm = tlm;
                }
            }
            "Tm" => {
                if let Some(m) = nums::<6>(args) {
                    tlm = M(m);
                    tm = tlm;
                }
            }
            "T*" => {
                tlm = M::translate(0.0, -leading).then(tlm);
                tm = tlm;
            }
            "Tj" | "'" | "\"" | "TJ" => {
                if op.operator != "Tj" && op.operator != "TJ" {
                    tlm = M::translate(0.0, -leading).then(tlm);
                    tm = tlm;
                }
                let f = fonts.get(&font_name);
                let mut text = String::new();
                let mut advance = 0.0;
                let parts: Vec<&Object> = match op.operator.as_str() {
                    "TJ" => args
                        .first()
                        .and_then(|a| a.as_array().ok())
                        .map(|a| a.iter().collect())
                        .unwrap_or_default(),
                    _ => args.last().into_iter().collect(),
                };
                for p in parts {
                    if let Ok(bytes) = p.as_str() {
                        let (t, a) = show(f, bytes);
                        text.push_str(&t);
                        advance += a;
                    } else if let Some(n) = num(p) {
                        // A large move back is a word space in a positioned run.
                        if n < -200.0 && !text.ends_with(' ') {
                            text.push(' ');
                        }
                        advance -= n;
                    }
                }
                let at = tm.then(ctm);
                let scale = (at.0[2].powi(2) + at.0[3].powi(2)).sqrt();
                let width = advance / 1000.0 * size;
                let end = M::translate(width, 0.0).then(tm).then(ctm);
                if !text.trim().is_empty() {
                    out.push(Piece {
                        x: at.0[4],
                        end: end.0[4],
                        y: at.0[5],
                        size: size * scale,
                        text,
                    });
                }
                tm = M::translate(width, 0.0).then(tm);
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A visual line: its pieces joined, left edge, baseline, size.
struct Line {
    text: String,
    x: f32,
    y: f32,
    size: f32,
    page: usize,
}

fn lines_of(mut pieces: Vec<Piece>, page: usize) -> Vec<Line> {
    pieces.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(Vec<Piece>, f32)> = Vec::new();
    for p in pieces {
        match lines.last_mut() {
            Some((ps, y)) if (*y - p.y).abs() <= p.size.max(1.0) * 0.3 => ps.push(p),
            _ => {
                let y = p.y;
                lines.push((vec![p], y));
            }
        }
    }
    lines
        .into_iter()
        .map(|(mut ps, y)| {
            ps.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut prev_end: Option<f32> = None;
            for p in &ps {
                if let Some(e) = prev_end
                    && p.x - e > p.size * 0.15
                    && !text.ends_with(char::is_whitespace)
                    && !p.text.starts_with(char::is_whitespace)
                {
                    // A wide gap separates table columns ("Credits      20"): a tab, as a pasted table has.
                    text.push(if p.x - e > p.size * 2.0 { '\t' } else { ' ' });
                }
                text.push_str(&p.text);
                prev_end = Some(p.end);
            }
            Line {
                x: ps.first().map_or(0.0, |p| p.x),
                size: ps.iter().map(|p| p.size).fold(0.0, f32::max),
                text,
                y,
                page,
            }
        })
        .collect()
}

/// A line a browser prints in the page margin: a page counter, an address, a date and the page title.
fn running(line: &Line, height: f32, body: f32) -> bool {
    let band = height * 0.06;
    let edge = line.y > height - band || line.y < band;
    let t = line.text.trim();
    let counter = t
        .split(['/', ' '])
        .filter(|w| !w.is_empty() && *w != "of" && !w.eq_ignore_ascii_case("page"))
        .all(|w| w.chars().all(|c| c.is_ascii_digit()));
    edge && (counter || t.contains("://") || line.size < body * 0.85)
}

fn load(bytes: &[u8]) -> Result<Document, Error> {
    let doc = Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    if doc.is_encrypted() && doc.authenticate_password("").is_err() {
        return Err(
            "the PDF is encrypted with a password; save an unprotected copy or copy its text out"
                .into(),
        );
    }
    Ok(doc)
}

pub fn extract(bytes: &[u8]) -> Result<Extracted, Error> {
    // The parser is given untrusted bytes: a panic inside it must become an error, not end the program.
    let loaded = std::panic::catch_unwind(|| {
        let doc = load(bytes)?;
        let mut all = Vec::new();
        for (n, (_, id)) in doc.get_pages().into_iter().enumerate() {
            let height = doc
                .get_dictionary(id)
                .ok()
                .and_then(|d| d.get(b"MediaBox").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.get(3).and_then(num))
                .unwrap_or(842.0);
            let mut lines = lines_of(page_pieces(&doc, id)?, n + 1);
            let mut sizes: Vec<f32> = lines.iter().map(|l| l.size).collect();
            sizes.sort_by(f32::total_cmp);
            let body = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
            lines.retain(|l| !running(l, height, body));
            all.push(lines);
        }
        Ok::<_, Error>(all)
    });
    let pages = match loaded {
        Ok(r) => r?,
        Err(_) => return Err("not a readable PDF (its structure could not be parsed)".into()),
    };
    if pages.iter().all(Vec::is_empty) {
        return Err(
            "the PDF has no text layer (a scan?): run it through text recognition first".into(),
        );
    }
    // The title is the first page's largest line; a printed page's banner and navigation come before it.
    let first = pages.iter().position(|p| !p.is_empty()).unwrap_or(0);
    let biggest = pages[first].iter().map(|l| l.size).fold(0.0, f32::max);
    let start = pages[first]
        .iter()
        .position(|l| l.size >= biggest - 0.01)
        .unwrap_or(0);
    let mut out = Extracted::default();
    let left = pages
        .iter()
        .flatten()
        .map(|l| l.x)
        .fold(f32::INFINITY, f32::min);
    let mut prev: Option<&Line> = None;
    for (k, page) in pages.iter().enumerate() {
        let skip = if k == first { start } else { 0 };
        for (i, line) in page.iter().enumerate().skip(skip) {
            if let Some(p) = prev
                && p.page == line.page
                && p.y - line.y > p.size.max(line.size) * 1.6
            {
                out.push_plain("", format!("page {}", line.page));
            }
            let indent = if line.x - left > line.size * 0.8 {
                "  "
            } else {
                ""
            };
            out.push_plain(
                &format!("{indent}{}", line.text),
                format!("page {}, line {}", line.page, i + 1),
            );
            prev = Some(line);
        }
    }
    Ok(out)
}
