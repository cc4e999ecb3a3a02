//! Text from a file made safe to show: no control characters reach a terminal or a spreadsheet cell.
//!
//! A curriculum or descriptor may hold escape sequences (which a terminal obeys: colours, cursor moves, a
//! retitled window) or bidirectional overrides (which reorder what a reader sees). Rendering removes them.

use std::borrow::Cow;

/// Whether `c` must not be shown as it is: C0 controls other than newline, DEL, C1 controls, and the
/// bidirectional embeddings, overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` without unsafe characters; a tab becomes a space.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\t' => Some(' '),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// `s` as one line: printable, with every run of whitespace (line breaks and tabs too) one space.
pub fn one_line(s: &str) -> String {
    printable(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn escape_sequences_and_overrides_are_removed() {
        assert_eq!(printable("a\x1b[2J\x1b]0;pwned\x07b"), "a[2J]0;pwnedb");
        assert_eq!(printable("x\u{202E}yz\u{2066}"), "xyz");
        assert_eq!(printable("c\u{9b}31md\x7f"), "c31md");
        assert_eq!(printable("tab\there\nline"), "tab here\nline");
        assert_eq!(printable("Café – naïve"), "Café – naïve");
    }
}
