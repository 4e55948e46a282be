//! Words to index terms: the one tokeniser behind search and similar projects.
//!
//! A text is lowercased, accents are dropped (`café` → `cafe`), apostrophes are
//! removed (`patient's` → `patients`), and it is split at every character that is not
//! a letter or a digit. Common English words (`the`, `and`, `with`…) and one-letter
//! words are dropped. Each word is then lightly stemmed, so that `falls`, `falling`
//! and `fall` meet, as do `screened` and `screening`, and American spellings meet
//! British ones (`organization` → `organisation`, `analyze` → `analyse`).
//!
//! **The browser repeats these rules** in `themes/default/static/search.js`
//! (`words`, `stem` and `tokens` there), because the search page and the "Before you
//! start" page tokenise what a person types. The two must agree exactly: change both
//! together. The word lists ([`STOP_WORDS`], [`GENERIC_TERMS`]) reach the browser in
//! the search index's manifest, so only the code is written twice.
//! `tests/fixtures/tokens.json` holds cases that both implementations are tested
//! against (here, and in the browser by `tests/e2e/search.test.js`).
//!
//! Pure: no I/O. Depends on nothing of ours.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words too common to tell documents apart. Sorted (looked up by binary search).
#[rustfmt::skip]
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "but", "by", "can", "could", "did", "do", "does", "each", "for", "from",
    "had", "has", "have", "how", "if", "in", "into", "is", "it", "its", "more", "most", "no",
    "not", "of", "on", "or", "our", "out", "over", "per", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "up", "us", "via", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "will", "with", "would", "you", "your",
];

/// The index terms of `text`, in order (repeats kept).
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t.to_owned()));
    out
}

/// Calls `f` with each index term of `text`, in order, without allocating a string
/// per term (indexing a large portfolio tokenises millions of words).
pub fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if !word.is_empty() && keep(word) {
            stem_in_place(word);
            f(word);
        }
        word.clear();
    };
    if text.is_ascii() {
        // ASCII text (most of it) has no accents to drop: no decomposition needed.
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() {
                word.push(char::from(b.to_ascii_lowercase()));
            } else if b != b'\'' {
                flush(&mut word);
            }
        }
    } else {
        for c in fold(text).chars() {
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                flush(&mut word);
            }
        }
    }
    flush(&mut word);
}

/// Lowercased, without accents (the marks of the decomposed text) or apostrophes.
fn fold(text: &str) -> String {
    text.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c) && !is_apostrophe(*c))
        .collect()
}

/// The words of `text` before stop words are dropped and stems taken: lowercased,
/// without accents or apostrophes, split at everything that is not a letter or digit.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// A map keyed by terms, with a fast hash (FNV-1a) in place of the standard one:
/// indexing looks terms up millions of times, and they are short.
pub type TermMap<K, V> = HashMap<K, V, BuildHasherDefault<TermHasher>>;

/// FNV-1a, for [`TermMap`].
#[derive(Clone, Copy, Default)]
pub struct TermHasher(u64);

impl Hasher for TermHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Adds `by` to the count of `term` in `counts`, allocating only for a new term.
pub fn count(counts: &mut TermMap<String, u32>, term: &str, by: u32) {
    match counts.get_mut(term) {
        Some(c) => *c += by,
        None => {
            counts.insert(term.to_owned(), by);
        }
    }
}

/// The length of the longest stop word, in bytes: longer words skip the lookup.
const LONGEST_STOP_WORD: usize = 7;

/// Whether a word is worth indexing: not a stop word, and at least two characters
/// long unless it is a digit.
fn keep(word: &str) -> bool {
    let mut chars = word.chars();
    let short = chars.next().is_some_and(|c| !c.is_numeric()) && chars.next().is_none();
    !short && (word.len() > LONGEST_STOP_WORD || !is_stop_word(word))
}

/// Whether `word` (at most [`LONGEST_STOP_WORD`] bytes) is a stop word. Each word is
/// packed into an integer, so the lookup compares integers, not strings: it runs for
/// every word of every text, and comparing strings took about half a second at 5,000
/// projects.
fn is_stop_word(word: &str) -> bool {
    static PACKED: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let packed = PACKED.get_or_init(|| {
        let mut packed: Vec<u64> = STOP_WORDS.iter().map(|w| pack(w)).collect();
        packed.sort_unstable();
        packed
    });
    packed.binary_search(&pack(word)).is_ok()
}

/// The bytes of a short word as one integer; no two words of up to 8 bytes without a
/// NUL pack alike.
fn pack(word: &str) -> u64 {
    word.bytes().fold(0, |x, b| (x << 8) | u64::from(b))
}

/// Terms (stems, sorted) too general to make two projects similar: dates, counts and time
/// words that every aim has ("by March 2026", "within one week"). Search still
/// finds them.
#[rustfmt::skip]
pub const GENERIC_TERMS: &[&str] = &[
    "april",
    "august",
    "daily",
    "day",
    "december",
    "end",
    "every",
    "february",
    "fewer",
    "first",
    "five",
    "four",
    "half",
    "january",
    "july",
    "june",
    "last",
    "less",
    "march",
    "may",
    "month",
    "monthly",
    "new",
    "next",
    "november",
    "october",
    "one",
    "second",
    "september",
    "six",
    "start",
    "third",
    "three",
    "time",
    "two",
    "week",
    "weekly",
    "within",
    "without",
    "year",
    "yearly",
];

/// Whether a term can tell projects apart: not a number ("50%" or "2026" say nothing
/// about what a project is about) and not one of [`GENERIC_TERMS`].
pub fn is_telling(term: &str) -> bool {
    !term.chars().all(char::is_numeric) && GENERIC_TERMS.binary_search(&term).is_err()
}

/// The stem of one lowercased word. Only words of ASCII letters longer than three
/// letters are changed, by these rules in order:
/// 1. American `-ize`/`-yze` endings after three or more letters become British
///    (`organization` → `organisation`, but `size` stays);
/// 2. plurals: `-ies` → `-y`, `-sses` → `-ss`, and a final `s` goes unless the word
///    ends in `ss`, `us` or `is` (`status`, `sepsis`);
/// 3. `-ied` → `-y`; `-ing` and `-ed` go when at least four letters stay, and a
///    doubled final consonant other than `l`, `s` or `z` is undoubled (`admitted` →
///    `admit`, but `falling` → `fall`);
/// 4. a final `e` goes from words longer than four letters, unless it is `ee`.
pub fn stem(word: &str) -> String {
    let mut w = word.to_owned();
    stem_in_place(&mut w);
    w
}

/// [`stem`], changing `w` itself.
fn stem_in_place(w: &mut String) {
    if w.len() <= 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    british(w);
    if w.ends_with("ies") && w.len() > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !(w.ends_with("ss") || w.ends_with("us") || w.ends_with("is")) {
        w.pop();
    }
    if w.ends_with("ied") && w.len() > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("ing") && w.len() >= 7 {
        w.truncate(w.len() - 3);
        undouble(w);
    } else if w.ends_with("ed") && w.len() >= 6 {
        w.truncate(w.len() - 2);
        undouble(w);
    }
    if w.len() > 4 && w.ends_with('e') && !w.ends_with("ee") {
        w.pop();
    }
}

/// `-iz…` and `-yz…` endings spelled the British way.
fn british(w: &mut String) {
    const ENDINGS: [&str; 13] = [
        "izations", "ization", "izing", "izers", "izer", "ized", "izes", "ize", "yzing", "yzed",
        "yzes", "yzer", "yze",
    ];
    // At least three letters before the ending, so `size` and `prize` stay.
    if let Some(ending) = ENDINGS
        .iter()
        .find(|e| w.ends_with(*e) && w.len() >= e.len() + 3)
    {
        // The `z` is the second letter of every ending.
        let z = w.len() - ending.len() + 1;
        w.replace_range(z..z + 1, "s");
    }
}

/// `stopp` → `stop`; `fall`, `miss` and `buzz` stay.
fn undouble(w: &mut String) {
    let b = w.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b[n - 2] && !b"aeioulsz".contains(&b[n - 1]) {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases the browser's tokeniser is tested against too.
    const SHARED_CASES: &str = include_str!("../../tests/fixtures/tokens.json");

    #[derive(serde::Deserialize)]
    struct Case {
        text: String,
        tokens: Vec<String>,
        /// The tokens similar projects use.
        telling: Vec<String>,
    }

    #[test]
    fn shared_cases_match() {
        let cases: Vec<Case> = serde_json::from_str(SHARED_CASES).unwrap();
        assert!(cases.len() >= 10);
        for case in cases {
            let got = tokens(&case.text);
            assert_eq!(got, case.tokens, "{:?}", case.text);
            let telling: Vec<String> = got.into_iter().filter(|t| is_telling(t)).collect();
            assert_eq!(telling, case.telling, "{:?}", case.text);
        }
    }

    #[test]
    fn stems() {
        let cases = [
            ("falls", "fall"),
            ("falling", "fall"),
            ("fall", "fall"),
            ("screened", "screen"),
            ("screening", "screen"),
            ("nurses", "nurs"),
            ("nursing", "nurs"),
            ("admitted", "admit"),
            ("admissions", "admission"),
            ("policies", "policy"),
            ("carried", "carry"),
            ("processes", "process"),
            ("status", "status"),
            ("sepsis", "sepsis"),
            ("organization", "organisation"),
            ("organisations", "organisation"),
            ("analyze", "analys"),
            ("size", "size"),
            ("prizes", "priz"),
            ("analyse", "analys"),
            ("analysing", "analys"),
            ("stopping", "stop"),
            ("missed", "miss"),
            ("during", "during"),
            ("agree", "agree"),
            ("care", "care"),
            ("bed", "bed"),
            ("café", "café"),
        ];
        for (word, want) in cases {
            assert_eq!(stem(word), want, "{word}");
        }
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        // The same text with and without a non-ASCII one-letter word (which takes
        // the slow path, and is dropped) gives the same terms.
        let text = "Patient's falls-risk CHECKLIST, 50% of wards' nurses screened";
        assert_eq!(tokens(&format!("{text} é")), tokens(text));
        assert_eq!(tokens(text)[..2], ["patient", "fall"]);
    }

    #[test]
    fn words_are_folded_and_split() {
        assert_eq!(
            words("Patient’s CAFÉ-au-lait, naïve; door-to-needle 50%"),
            ["patients", "cafe", "au", "lait", "naive", "door", "to", "needle", "50"]
        );
        assert_eq!(words("  "), Vec::<String>::new());
    }

    #[test]
    fn stop_words_and_single_letters_go_but_digits_stay() {
        assert_eq!(
            tokens("The ward 7 of a hospital"),
            ["ward", "7", "hospital"]
        );
        assert!(tokens("and the of").is_empty());
    }

    #[test]
    fn stop_words_are_found_by_their_packed_bytes() {
        for word in STOP_WORDS {
            assert!(is_stop_word(word), "{word}");
            assert!(!keep(word), "{word}");
        }
        for word in ["ward", "falls", "ab", "thee", "th", "ä", "7"] {
            assert!(!is_stop_word(word), "{word:?}");
        }
    }

    #[test]
    fn stop_words_are_sorted_and_lowercase() {
        assert_eq!(
            STOP_WORDS.iter().map(|w| w.len()).max(),
            Some(LONGEST_STOP_WORD)
        );
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        assert!(STOP_WORDS
            .iter()
            .all(|w| w.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn telling_terms() {
        assert!(!is_telling("2026"));
        assert!(!is_telling("march"));
        assert!(is_telling("ward7"));
        assert!(is_telling("fall"));
        let mut sorted = GENERIC_TERMS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, GENERIC_TERMS);
        // Each is a stem, as terms are.
        assert!(
            GENERIC_TERMS.iter().all(|t| stem(t) == *t),
            "{GENERIC_TERMS:?}"
        );
    }
}
