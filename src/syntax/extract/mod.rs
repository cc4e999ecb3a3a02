//! Text out of the documents universities publish module descriptors in — Word (.docx), OpenDocument
//! (.odt), a saved catalogue web page (.html), a PDF's text layer — as lines for the one descriptor reader
//! (`syntax::descriptor`): one line per paragraph, with what the document says the paragraph is (a heading, a
//! list item) and where it is ("paragraph 12"), so warnings point into the document.

mod html;
mod opendocument;
mod pdf;
pub mod sheet;

mod word;
mod xml;

use super::descriptor::Role;

/// The kinds of file `overlap check` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Plain text or Markdown, as pasted from a catalogue page.
    Text,
    Word,
    OpenDocument,
    Html,
    Pdf,
}

impl FileKind {
    /// The format a file name says, if `check` reads it.
    pub fn of_extension(ext: &str) -> Option<FileKind> {
        match ext.to_ascii_lowercase().as_str() {
            "md" | "txt" | "text" | "markdown" => Some(FileKind::Text),
            "docx" => Some(FileKind::Word),
            "odt" => Some(FileKind::OpenDocument),
            "html" | "htm" | "xhtml" => Some(FileKind::Html),
            "pdf" => Some(FileKind::Pdf),
            _ => None,
        }
    }

    /// The format of bytes whose name says nothing (standard input): by their signature.
    pub fn sniff(bytes: &[u8]) -> FileKind {
        let head = &bytes[..bytes.len().min(1024)];
        if head.starts_with(b"%PDF-") {
            FileKind::Pdf
        } else if head.starts_with(b"PK\x03\x04") {
            // Both are zip files; an OpenDocument file names its type in its first, stored entry.
            if contains(head, b"application/vnd.oasis.opendocument") {
                FileKind::OpenDocument
            } else {
                FileKind::Word
            }
        } else {
            let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
            let t = lower.trim_start_matches('\u{feff}').trim_start();
            if t.starts_with("<!doctype html") || t.starts_with("<html") || lower.contains("<body")
            {
                FileKind::Html
            } else {
                FileKind::Text
            }
        }
    }

    /// What the format is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Text => "text",
            FileKind::Word => "Word document",
            FileKind::OpenDocument => "OpenDocument text",
            FileKind::Html => "web page",
            FileKind::Pdf => "PDF",
        }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Text taken out of a document: one line per paragraph, with its role (`None`: read it as plain text, as a
/// PDF's visual lines are) and where in the document it is.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub text: String,
    pub roles: Option<Vec<Role>>,
    pub places: Vec<String>,
}

impl Extracted {
    fn with_roles() -> Self {
        Extracted {
            roles: Some(Vec::new()),
            ..Default::default()
        }
    }

    /// Adds one line: runs of white space (line breaks included) become one space; tabs are kept, since a
    /// typed bullet is often followed by one.
    fn push(&mut self, role: Role, text: &str, place: String) {
        let mut line = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c == '\t' {
                line.push('\t');
                space = false;
            } else if c.is_whitespace() || c.is_control() {
                space = true;
            } else {
                if space && !line.is_empty() && !line.ends_with('\t') {
                    line.push(' ');
                }
                space = false;
                line.push(c);
            }
        }
        self.text.push_str(&line);
        self.text.push('\n');
        if let Some(r) = &mut self.roles {
            r.push(role);
        }
        self.places.push(place);
    }

    /// Adds one line of plain text as it is (a PDF's visual line: its indentation is kept).
    fn push_plain(&mut self, text: &str, place: String) {
        self.text.extend(
            text.chars()
                .map(|c| if c.is_control() && c != '\t' { ' ' } else { c }),
        );
        self.text.push('\n');
        self.places.push(place);
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Why a document could not be read: said so that its reader knows what to do.
pub type Error = String;

/// Takes the text out of a document of the given format (not [`FileKind::Text`], which needs no taking out).
pub fn extract(format: FileKind, bytes: &[u8]) -> Result<Extracted, Error> {
    let out = match format {
        FileKind::Text => {
            return Err("plain text needs no extraction".into());
        }
        FileKind::Word => word::extract(bytes)?,
        FileKind::OpenDocument => opendocument::extract(bytes)?,
        FileKind::Html => html::extract(bytes)?,
        FileKind::Pdf => pdf::extract(bytes)?,
    };
    if out.is_blank() {
        return Err(format!("the {} holds no text", format.name()));
    }
    Ok(out)
}

/// Reads one part of a zip-packaged document (Word, OpenDocument) as text; `None` when the part is absent.
fn zip_part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, Error> {
    use std::io::Read as _;
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} in the document: {e}")),
    };
    // A part larger than this is not a module descriptor (and may be a zip bomb).
    const LIMIT: u64 = 64 << 20;
    let mut text = String::new();
    (&mut file)
        .take(LIMIT)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {name} in the document: {e}"))?;
    Ok(Some(text))
}

fn open_zip<'a>(
    bytes: &'a [u8],
    what: &str,
) -> Result<zip::ZipArchive<std::io::Cursor<&'a [u8]>>, Error> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable {what} (it is not a valid zip package: {e})"))
}
