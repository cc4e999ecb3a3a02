//! Located errors shared by the syntax and model layers, rendered for people with ariadne.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::OnceLock;

use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};

use crate::printable::printable;

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// One loaded file: its display name and its text. Spans index into `text`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    /// Byte offset of the start of each line, built once on first use: locating a diagnostic is a binary
    /// search, so a file with an error on every line is diagnosed in linear time.
    lines: OnceLock<Vec<usize>>,
    /// For text read out of a document (Word, OpenDocument, a web page, a PDF): where each line of `text`
    /// came from ("paragraph 12", "page 2, line 5"), shown instead of `line:col`. Empty for a text file.
    pub places: Vec<String>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            lines: OnceLock::new(),
            places: Vec::new(),
        }
    }

    /// Where a byte offset is, as a reader finds it: `name:line:col` in a text file, `name, paragraph 12`
    /// in text read out of a document.
    pub fn locate(&self, offset: usize) -> String {
        let (line, col) = self.line_col(offset);
        match self.places.get(line - 1) {
            Some(place) => format!("{}, {place}", self.name),
            None => format!("{}:{line}:{col}", self.name),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts();
        // The last line starting at or before `offset`.
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem in a spec: where it is, what is wrong, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Index of the file in the load set the diagnostic refers to.
    pub file: usize,
    pub span: Span,
    pub code: &'static str,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    /// Another place the problem involves (the first declaration of a duplicate id): file, span and what it is.
    pub related: Option<(usize, Span, String)>,
    /// A warning reports what was read in a way the author may not have meant; it never stops the command.
    pub warning: bool,
}

impl Diagnostic {
    pub fn error(file: usize, span: Span, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            file,
            span,
            code,
            message: message.into(),
            label: String::new(),
            help: None,
            related: None,
            warning: false,
        }
    }
    pub fn warning(
        file: usize,
        span: Span,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            warning: true,
            ..Diagnostic::error(file, span, code, message)
        }
    }
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn related(mut self, file: usize, span: Span, what: impl Into<String>) -> Self {
        self.related = Some((file, span, what.into()));
        self
    }
}

/// The most characters of one line shown around a problem: a megabyte-long line must not flood the terminal.
const MAX_SHOWN: usize = 160;

/// The most diagnostics shown for one file; the rest are counted. A file of junk would otherwise bury the
/// first problems (the ones to fix first) under megabytes of the same message.
pub const MAX_SHOWN_PER_FILE: usize = 50;

/// Renders diagnostics as text: a `file:line:col` heading, the line with an underline, and help; at most
/// [`MAX_SHOWN_PER_FILE`] per file, then a line saying how many more there are.
pub fn render(diagnostics: &[Diagnostic], files: &[SourceFile], color: bool) -> String {
    let mut out = Vec::new();
    let mut shown: HashMap<usize, usize> = HashMap::new();
    for d in diagnostics {
        let Some(file) = files.get(d.file) else {
            continue;
        };
        let count = shown.entry(d.file).or_default();
        *count += 1;
        if *count > MAX_SHOWN_PER_FILE {
            continue;
        }
        let text = &file.text;
        let start = floor_char_boundary(text, d.span.start.min(text.len()));
        let end = floor_char_boundary(text, d.span.end.clamp(start, text.len()));
        let (line, _) = file.line_col(start);
        let (excerpt, range) = excerpt(text, start, end);
        // Only the problem's line is handed to ariadne, after empty lines so its margin shows the file's line
        // number (ariadne 0.6 leaves its display line offset out of the margin). At most
        // MAX_SHOWN_PER_FILE diagnostics per file are rendered, so this stays linear in the file's size.
        let pad = line - 1;
        let shown = "\n".repeat(pad) + &excerpt;
        let range = range.start + pad..range.end + pad;
        let name = printable(&file.name).into_owned();
        let label = if d.label.is_empty() {
            d.message.clone()
        } else {
            d.label.clone()
        };
        let kind = if d.warning {
            ReportKind::Warning
        } else {
            ReportKind::Error
        };
        let mut report = Report::build(kind, (name.clone(), range.clone()))
            .with_config(
                Config::default()
                    .with_color(color)
                    .with_index_type(IndexType::Byte),
            )
            .with_code(d.code)
            .with_message(printable(&d.message))
            .with_label(Label::new((name.clone(), range)).with_message(printable(&label)));
        if let Some(help) = &d.help {
            report = report.with_help(printable(help));
        }
        if let Some((f, span, what)) = &d.related
            && let Some(other) = files.get(*f)
        {
            let (l, c) = other.line_col(span.start);
            report = report.with_note(format!("{what} {}:{l}:{c}", other.name));
        }
        let source = Source::from(shown);
        let mut one = Vec::new();
        let _ = report.finish().write((name.clone(), source), &mut one);
        // ariadne counts the column in the excerpt; the heading must give the column in the file (or, in
        // text read out of a document, the paragraph or page the line came from).
        let mut one = String::from_utf8_lossy(&one).into_owned();
        let needle = format!("{name}:");
        if let Some(at) = one.find(&needle) {
            let from = at + needle.len();
            let to = one[from..].find(' ').map_or(one.len(), |k| from + k);
            one.replace_range(at..to, &file.locate(start));
        }
        out.extend_from_slice(one.as_bytes());
    }
    let mut s = String::from_utf8_lossy(&out).into_owned();
    let mut over: Vec<(usize, usize)> = shown
        .into_iter()
        .filter(|&(_, n)| n > MAX_SHOWN_PER_FILE)
        .collect();
    over.sort_unstable();
    for (f, n) in over {
        let _ = writeln!(
            s,
            "… and {} more errors in {} (the first {MAX_SHOWN_PER_FILE} are shown)",
            n - MAX_SHOWN_PER_FILE,
            printable(&files[f].name)
        );
    }
    let warnings = diagnostics.iter().filter(|d| d.warning).count();
    let n = diagnostics.len() - warnings;
    if n > 0 {
        let _ = writeln!(s, "{n} error{} found", if n == 1 { "" } else { "s" });
    }
    if warnings > 0 {
        let _ = writeln!(
            s,
            "{warnings} warning{}",
            if warnings == 1 { "" } else { "s" }
        );
    }
    s
}

/// The line holding `start`, cut to at most [`MAX_SHOWN`] characters around the span, and the span within it.
/// A span running past the line (a text over several lines) is underlined on its first line only.
fn excerpt(text: &str, start: usize, end: usize) -> (String, Range<usize>) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[..line_end].ends_with('\r') && line_end > start {
        line_end -= 1;
    }
    let end = end.min(line_end);
    // Keep up to a third of the window before the span, and cut the span itself if it is longer than the window.
    let before = text[line_start..start].chars().count();
    let from = if before > MAX_SHOWN / 3 {
        nth_char_back(text, start, MAX_SHOWN / 3)
    } else {
        line_start
    };
    let to = text[from..line_end]
        .char_indices()
        .nth(MAX_SHOWN)
        .map_or(line_end, |(k, _)| from + k);
    let end = end.min(to);
    let mut shown = String::new();
    if from > line_start {
        shown.push('…');
    }
    let shift = shown.len();
    // ariadne breaks lines at some of these, and a terminal obeys escape sequences and bidirectional
    // overrides: show them all as spaces (same byte length, so the underline stays in place).
    shown.extend(text[from..to].chars().map(|c| match c {
        '\u{2028}' | '\u{2029}' => " ".repeat(c.len_utf8()),
        c if c != '\t' && crate::printable::is_unsafe(c) => " ".repeat(c.len_utf8()),
        c => c.to_string(),
    }));
    if to < line_end {
        shown.push('…');
    }
    // A span at the end of a line or of the file points at the place after its last character.
    shown.push(' ');
    let s = start.min(to) - from + shift;
    let e = if end > start {
        end - from + shift
    } else {
        s + shown[s..].chars().next().map_or(1, char::len_utf8)
    };
    (shown, s..e)
}

fn nth_char_back(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_come_from_the_index() {
        let f = SourceFile::new("f.ovl", "ab\ncé\n\nxyz");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(2), (1, 3));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(6), (2, 3), "columns count characters");
        assert_eq!(f.line_col(7), (3, 1));
        assert_eq!(f.line_col(9), (4, 2));
        assert_eq!(f.line_col(999), (4, 4), "past the end: the end");
    }

    #[test]
    fn at_most_fifty_diagnostics_per_file_are_rendered() {
        let text = "bad\n".repeat(120);
        let files = [SourceFile::new("f.ovl", text)];
        let diags: Vec<Diagnostic> = (0..120)
            .map(|i| Diagnostic::error(0, Span::new(i * 4, i * 4 + 3), "x", "bad line"))
            .collect();
        let out = render(&diags, &files, false);
        assert_eq!(out.matches("Error: bad line").count(), MAX_SHOWN_PER_FILE);
        assert!(out.contains("f.ovl:50:1"), "the first fifty are shown");
        assert!(!out.contains("f.ovl:51:1"));
        assert!(out.contains(
            "… and 70 more errors in f.ovl (the first 50 are shown)\n120 errors found\n"
        ));
    }
}
