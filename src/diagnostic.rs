//! Located errors shared by the syntax and model layers, rendered for people with ariadne.

use std::fmt::Write as _;
use std::ops::Range;

use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};

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
    /// For text read out of a document (Word, OpenDocument, a web page, a PDF): where each line of `text`
    /// came from ("paragraph 12", "page 2, line 5"), shown instead of `line:col`. Empty for a text file.
    pub places: Vec<String>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
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

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
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

/// Renders diagnostics as text: a `file:line:col` heading, the line with an underline, and help.
pub fn render(diagnostics: &[Diagnostic], files: &[SourceFile], color: bool) -> String {
    let mut out = Vec::new();
    for d in diagnostics {
        let Some(file) = files.get(d.file) else {
            continue;
        };
        let text = &file.text;
        let start = floor_char_boundary(text, d.span.start.min(text.len()));
        let end = floor_char_boundary(text, d.span.end.clamp(start, text.len()));
        let (line, _) = file.line_col(start);
        let (excerpt, range) = excerpt(text, start, end);
        // Only the problem's line is handed to ariadne, after empty lines so its margin shows the file's line number.
        let pad = line - 1;
        let shown = "\n".repeat(pad) + &excerpt;
        let range = range.start + pad..range.end + pad;
        let name = file.name.clone();
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
            .with_message(&d.message)
            .with_label(Label::new((name.clone(), range)).with_message(label));
        if let Some(help) = &d.help {
            report = report.with_help(help);
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
    // ariadne breaks lines at these too; the parser does not, so show them as spaces (same byte length).
    shown.extend(text[from..to].chars().map(|c| match c {
        '\r' | '\x0B' | '\x0C' | '\u{0085}' | '\u{2028}' | '\u{2029}' => " ".repeat(c.len_utf8()),
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
