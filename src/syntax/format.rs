//! The canonical printer: two spaces per level, one blank line before each block, long texts wrapped at
//! word boundaries (text is whitespace-insensitive, so wrapping never changes the model), comments kept.

use super::ast::{Block, DefineKind, Document, Statement, Stmt};

const WIDTH: usize = 110;

pub fn format(doc: &Document) -> String {
    let mut out = String::new();
    let mut first = true;
    for b in &doc.blocks {
        block(&mut out, b, 0, &mut first);
    }
    if !doc.trailing_comments.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        for c in &doc.trailing_comments {
            out.push('#');
            out.push_str(c);
            out.push('\n');
        }
    }
    out
}

fn block(out: &mut String, b: &Block, depth: usize, first: &mut bool) {
    if !*first {
        out.push('\n');
    }
    *first = false;
    statement(out, &b.head, depth);
    for p in &b.props {
        statement(out, p, depth + 1);
    }
    for c in &b.children {
        block(out, c, depth + 1, first);
    }
}

/// A piece of a printed statement; a line may break before it only inside a text.
struct Atom {
    s: String,
    breakable: bool,
}

fn statement(out: &mut String, st: &Statement, depth: usize) {
    let indent = "  ".repeat(depth);
    for c in &st.comments {
        out.push_str(&indent);
        out.push('#');
        out.push_str(c);
        out.push('\n');
    }
    let mut atoms = Vec::new();
    let mut word = |s: &str| {
        atoms.push(Atom {
            s: s.to_string(),
            breakable: false,
        })
    };
    let kw = st.stmt.keyword();
    match &st.stmt {
        Stmt::Define { kind, .. } => word(&format!(
            "define {}",
            match kind {
                DefineKind::Population => "population",
                DefineKind::Setting => "setting",
            }
        )),
        _ => word(kw),
    }
    match &st.stmt {
        Stmt::Curriculum { id, title }
        | Stmt::Module { id, title }
        | Stmt::Outcome { id, text: title }
        | Stmt::Taxonomy { id, title }
        | Stmt::Domain { id, title }
        | Stmt::Competency { id, title }
        | Stmt::Define {
            id, label: title, ..
        } => {
            push_word(&mut atoms, &id.value);
            push_text(&mut atoms, &title.value);
        }
        Stmt::Aliases(v) => push_list(&mut atoms, v.iter().map(|w| quote(&w.value)).collect()),
        Stmt::Population(v) | Stmt::Setting(v) | Stmt::Tags(v) => {
            push_list(&mut atoms, v.iter().map(|w| w.value.clone()).collect())
        }
        Stmt::Intensity(w) | Stmt::SameAs(w) => push_word(&mut atoms, &w.value),
        Stmt::Award(t) | Stmt::Code(t) | Stmt::Aims(t) | Stmt::Description(t) => {
            push_text(&mut atoms, &t.value)
        }
        Stmt::Credits(n) => push_word(&mut atoms, &n.value.to_string()),
        Stmt::Level(v) => push_list(&mut atoms, v.iter().map(|n| n.value.to_string()).collect()),
        Stmt::Critical(t) => {
            if let Some(t) = t {
                push_text(&mut atoms, &t.value)
            }
        }
        Stmt::Derived => {}
        Stmt::Source {
            title,
            edition,
            url,
        } => {
            if let Some(t) = title {
                push_text(&mut atoms, &t.value);
            }
            if let Some(e) = edition {
                push_word(&mut atoms, "edition");
                push_text(&mut atoms, &e.value);
            }
            push_word(&mut atoms, &format!("<{}>", url.value));
        }
    }
    let cont = format!("{indent}    ");
    let mut line = indent.clone();
    let mut line_has_content = false;
    for a in atoms {
        if line_has_content {
            if a.breakable && line.chars().count() + 1 + a.s.chars().count() > WIDTH {
                out.push_str(&line);
                out.push('\n');
                line = cont.clone();
            } else {
                line.push(' ');
            }
        }
        line.push_str(&a.s);
        line_has_content = true;
    }
    if let Some(t) = &st.trailing {
        line.push_str(" #");
        line.push_str(t);
    }
    out.push_str(&line);
    out.push('\n');
}

fn push_word(atoms: &mut Vec<Atom>, s: &str) {
    atoms.push(Atom {
        s: s.to_string(),
        breakable: false,
    });
}

fn push_list(atoms: &mut Vec<Atom>, items: Vec<String>) {
    let n = items.len();
    for (k, it) in items.into_iter().enumerate() {
        let s = if k + 1 < n { format!("{it},") } else { it };
        push_word(atoms, &s);
    }
}

/// Pushes a quoted text word by word; breaks are allowed between its words only.
fn push_text(atoms: &mut Vec<Atom>, text: &str) {
    let q = quote(text);
    let inner = &q[1..q.len() - 1];
    let words: Vec<&str> = inner.split(' ').collect();
    let n = words.len();
    for (k, w) in words.into_iter().enumerate() {
        let mut s = String::new();
        if k == 0 {
            s.push('"');
        }
        s.push_str(w);
        if k + 1 == n {
            s.push('"');
        }
        atoms.push(Atom {
            s,
            breakable: k > 0,
        });
    }
}

pub fn quote(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}
