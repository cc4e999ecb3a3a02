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
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
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
}

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
        let (line, col) = file.line_col(start);
        let name = format!("{}:{line}:{col}", file.name);
        let label = if d.label.is_empty() {
            d.message.clone()
        } else {
            d.label.clone()
        };
        let mut report = Report::build(ReportKind::Error, (name.clone(), start..end))
            .with_config(
                Config::default()
                    .with_color(color)
                    .with_index_type(IndexType::Byte),
            )
            .with_code(d.code)
            .with_message(&d.message)
            .with_label(Label::new((name.clone(), start..end)).with_message(label));
        if let Some(help) = &d.help {
            report = report.with_help(help);
        }
        // An empty file has no line to point at; ariadne still needs one character of source.
        let shown = if text.is_empty() { " " } else { text.as_str() };
        let _ = report.finish().write((name, Source::from(shown)), &mut out);
    }
    let mut s = String::from_utf8_lossy(&out).into_owned();
    if !diagnostics.is_empty() {
        let n = diagnostics.len();
        let _ = writeln!(s, "{n} error{} found", if n == 1 { "" } else { "s" });
    }
    s
}
