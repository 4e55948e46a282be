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

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words too common to tell documents apart.
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
    words(text)
        .into_iter()
        .filter(|w| keep(w))
        .map(|w| stem(&w))
        .collect()
}

/// The words of `text` before stop words are dropped and stems taken: lowercased,
/// without accents or apostrophes, split at everything that is not a letter or digit.
pub fn words(text: &str) -> Vec<String> {
    let folded: String = text
        .to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c) && !is_apostrophe(*c))
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Whether a word is worth indexing: not a stop word, and at least two characters
/// long unless it is a digit.
fn keep(word: &str) -> bool {
    let mut chars = word.chars();
    let short = chars.next().is_some_and(|c| !c.is_numeric()) && chars.next().is_none();
    !short && !STOP_WORDS.contains(&word)
}

/// Terms (stems) too general to make two projects similar: dates, counts and time
/// words that every aim has ("by March 2026", "within one week"). Search still
/// finds them.
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
    !term.chars().all(char::is_numeric) && !GENERIC_TERMS.contains(&term)
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
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_owned();
    }
    let mut w = word.to_owned();
    british(&mut w);
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
        undouble(&mut w);
    } else if w.ends_with("ed") && w.len() >= 6 {
        w.truncate(w.len() - 2);
        undouble(&mut w);
    }
    if w.len() > 4 && w.ends_with('e') && !w.ends_with("ee") {
        w.pop();
    }
    w
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
    fn stop_words_are_sorted_and_lowercase() {
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
