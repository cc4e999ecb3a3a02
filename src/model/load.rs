//! Assembles a load set — the embedded curricula, a user's folder, extra files — and builds one catalog.
//! A later file replaces an earlier one that declares the same curriculum id or a taxonomy.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

use super::build::{Parsed, build};
use super::types::Catalog;
use crate::diagnostic::{Diagnostic, SourceFile, Span};
use crate::syntax::{self, BlockKind, Document, Stmt};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The files behind a catalog, kept so diagnostics and reports can point into them.
#[derive(Debug)]
pub struct Workspace {
    pub files: Vec<SourceFile>,
    pub catalog: Catalog,
    /// The name of the file the taxonomy in use was read from.
    pub taxonomy_file: Option<String>,
}

impl Workspace {
    /// Where each outcome is declared: its id → the file's index and the span of the id. Parses every file
    /// again, once, so it is meant for reporting problems, not for every load.
    pub fn outcome_spans(&self) -> HashMap<String, (usize, Span)> {
        fn walk(blocks: &[syntax::Block], file: usize, out: &mut HashMap<String, (usize, Span)>) {
            for b in blocks {
                if let Stmt::Outcome { id, .. } = &b.head.stmt {
                    out.entry(id.value.clone()).or_insert((file, id.span));
                }
                walk(&b.children, file, out);
            }
        }
        let mut out = HashMap::new();
        for (i, f) in self.files.iter().enumerate() {
            walk(&syntax::parse_document(&f.text, i).0.blocks, i, &mut out);
        }
        out
    }
}

#[derive(Debug)]
pub enum LoadError {
    /// A file could not be read at all (missing, a directory, permissions).
    Io { path: String, reason: String },
    /// Files were read but are not valid specs.
    Invalid {
        files: Vec<SourceFile>,
        diagnostics: Vec<Diagnostic>,
    },
}

impl LoadError {
    pub fn render(&self, color: bool) -> String {
        match self {
            LoadError::Io { path, reason } => format!("error: cannot read {path}: {reason}\n"),
            LoadError::Invalid { files, diagnostics } => {
                crate::diagnostic::render(diagnostics, files, color)
            }
        }
    }
}

/// What to load: the shipped curricula, then `dirs` (all `.ovl` files in each), then `files`.
#[derive(Debug, Default, Clone)]
pub struct LoadSet {
    pub embedded: bool,
    pub dirs: Vec<PathBuf>,
    pub files: Vec<PathBuf>,
}

/// Reads a file as UTF-8 text through [`crate::input::read`] (regular files only, within its size cap);
/// invalid bytes are reported as a located diagnostic.
pub fn read_source(path: &Path) -> Result<(SourceFile, Option<Diagnostic>), LoadError> {
    let bytes = crate::input::read(path).map_err(|e| LoadError::Io {
        path: e.path,
        reason: e.reason,
    })?;
    let (file, bad) = source_from_bytes(path.display().to_string(), bytes);
    if bad.is_some() || !is_json(path) {
        return Ok((file, bad));
    }
    Ok(from_case(file))
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("json"))
}

/// A CASE package read as the curriculum spec it stands for; an error stays located in the package.
fn from_case(file: SourceFile) -> (SourceFile, Option<Diagnostic>) {
    match crate::syntax::case::to_spec(&file.text, usize::MAX) {
        Ok(spec) => (
            SourceFile::new(format!("{} (CASE package read as a spec)", file.name), spec),
            None,
        ),
        Err(d) => (file, Some(*d)),
    }
}

pub fn source_from_bytes(name: String, bytes: Vec<u8>) -> (SourceFile, Option<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(name, text), None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let d = Diagnostic::error(
                usize::MAX,
                Span::new(at, at + 1),
                "encoding",
                "the file is not UTF-8 text",
            )
            .label("this byte is not valid UTF-8")
            .help(
                "save the file as UTF-8 (most editors offer it under \"Save as…\" or \"Encoding\")",
            );
            (SourceFile::new(name, text), Some(d))
        }
    }
}

impl LoadSet {
    pub fn shipped() -> Self {
        LoadSet {
            embedded: true,
            ..Default::default()
        }
    }

    pub fn load(&self) -> Result<Workspace, LoadError> {
        // The shipped curricula alone: read prebuilt, not parsed (see `prebuilt`).
        if self.embedded
            && self.dirs.is_empty()
            && self.files.is_empty()
            && let Some((catalog, taxonomy_file)) = super::prebuilt::catalog()
        {
            return Ok(Workspace {
                files: EMBEDDED
                    .iter()
                    .map(|(name, text)| SourceFile::new(*name, *text))
                    .collect(),
                catalog,
                taxonomy_file,
            });
        }
        self.parse()
    }

    /// Reads and parses every source of the load set (the prebuilt catalog is not consulted).
    pub fn parse(&self) -> Result<Workspace, LoadError> {
        let mut shipped: Vec<(SourceFile, Option<Diagnostic>)> = Vec::new();
        if self.embedded {
            for (name, text) in EMBEDDED {
                shipped.push((SourceFile::new(*name, *text), None));
            }
        }
        let mut sources = Vec::new();
        for dir in &self.dirs {
            let rd = std::fs::read_dir(dir).map_err(|e| LoadError::Io {
                path: dir.display().to_string(),
                reason: e.to_string(),
            })?;
            let mut paths: Vec<PathBuf> = rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ovl") || is_json(p))
                .collect();
            paths.sort();
            for p in paths {
                let read = read_source(&p)?;
                // A folder's other JSON files (a saved `--format json` output, say) are not curricula; a
                // JSON file that does not parse may be a package with a typo, and is reported.
                if is_json(&p)
                    && read.1.is_some()
                    && crate::syntax::case::is_other_json(&read.0.text)
                {
                    continue;
                }
                sources.push(read);
            }
        }
        for f in &self.files {
            sources.push(read_source(f)?);
        }
        load_layers(shipped, sources)
    }
}

fn key(doc: &Document) -> Option<String> {
    let b = doc.blocks.first()?;
    match (&b.kind, &b.head.stmt) {
        (BlockKind::Taxonomy, _) => Some("taxonomy".into()),
        (BlockKind::Curriculum, Stmt::Curriculum { id, .. }) => {
            Some(format!("curriculum:{}", id.value.to_lowercase()))
        }
        _ => None,
    }
}

/// The head of a document's first block: where its curriculum id or `taxonomy` keyword is written.
fn key_span(doc: &Document) -> Span {
    match doc.blocks.first().map(|b| &b.head) {
        Some(h) => match &h.stmt {
            Stmt::Curriculum { id, .. } => id.span,
            _ => h.keyword_span,
        },
        None => Span::default(),
    }
}

/// Parses and builds one set of sources, in which no two may declare the same curriculum or a taxonomy each.
pub fn load_sources(
    sources: Vec<(SourceFile, Option<Diagnostic>)>,
) -> Result<Workspace, LoadError> {
    load_layers(Vec::new(), sources)
}

/// Parses and builds the shipped sources and the user's: a user's file replaces a shipped one with the same
/// curriculum id (or taxonomy); two of the user's files declaring the same one are an error naming both,
/// since neither can be the one meant.
pub fn load_layers(
    shipped: Vec<(SourceFile, Option<Diagnostic>)>,
    user: Vec<(SourceFile, Option<Diagnostic>)>,
) -> Result<Workspace, LoadError> {
    let first_user = shipped.len();
    let sources: Vec<_> = shipped.into_iter().chain(user).collect();
    let mut files = Vec::new();
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    for (i, (src, enc)) in sources.into_iter().enumerate() {
        // A file whose text could not be read as a spec at all (a broken CASE package) is not parsed as
        // one: its own error says what is wrong, and spec errors on JSON lines would only bury it.
        let unread = enc.as_ref().is_some_and(|d| d.code == "case");
        if let Some(mut d) = enc {
            d.file = i;
            diags.push(d);
        }
        let (doc, ds) = syntax::parse_document(if unread { "" } else { &src.text }, i);
        if !unread {
            diags.extend(ds);
        }
        files.push(src);
        docs.push(doc);
    }
    if !diags.is_empty() {
        return Err(LoadError::Invalid {
            files,
            diagnostics: diags,
        });
    }
    let keys: Vec<Option<String>> = docs.iter().map(key).collect();
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate().skip(first_user) {
        let Some(k) = k else { continue };
        match first.entry(k.as_str()) {
            Entry::Vacant(e) => {
                e.insert(i);
            }
            Entry::Occupied(e) => {
                let j = *e.get();
                let what = k
                    .strip_prefix("curriculum:")
                    .map_or("a taxonomy".to_string(), |id| {
                        let written = files[i].text.get(key_span(&docs[i]).range());
                        format!("curriculum `{}`", written.unwrap_or(id))
                    });
                diags.push(
                    Diagnostic::error(
                        i,
                        key_span(&docs[i]),
                        "duplicate",
                        format!("{what} is declared in both {} and {}", files[j].name, files[i].name),
                    )
                    .label("declared again here")
                    .related(j, key_span(&docs[j]), "first declared at")
                    .help("keep one of the two files; a file replaces a shipped curriculum, but two files cannot both be the one meant"),
                );
            }
        }
    }
    if !diags.is_empty() {
        return Err(LoadError::Invalid {
            files,
            diagnostics: diags,
        });
    }
    let parsed: Vec<Parsed<'_>> = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| match &keys[*i] {
            Some(k) => !keys[i + 1..].iter().any(|later| later.as_ref() == Some(k)),
            None => true,
        })
        .map(|(i, doc)| Parsed {
            file: i,
            name: &files[i].name,
            doc,
        })
        .collect();
    let taxonomy_file = parsed
        .iter()
        .find(|p| key(p.doc).as_deref() == Some("taxonomy"))
        .map(|p| p.name.to_string());
    match build(&parsed) {
        Ok(catalog) => Ok(Workspace {
            files,
            catalog,
            taxonomy_file,
        }),
        Err(diagnostics) => Err(LoadError::Invalid { files, diagnostics }),
    }
}
