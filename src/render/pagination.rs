//! Splitting a long list (stories) into numbered pages, and the navigation between
//! them: previous and next, the first and the last page, and the pages around the
//! current one, with gaps marked. Pure: no I/O; page addresses come from the caller.

use std::ops::Range;

use serde::Serialize;

/// How many pages either side of the current one the navigation names.
const AROUND: usize = 2;

/// One page of a paginated list: which items it shows and its navigation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pagination {
    /// 1-based.
    pub current: usize,
    pub total: usize,
    /// Output path of this page.
    pub path: String,
    /// Output paths of the neighbours, the first and the last page.
    pub previous: Option<String>,
    pub next: Option<String>,
    pub first: String,
    pub last: String,
    /// The numbered links to show, in order; `None` marks a gap ("…").
    pub links: Vec<Option<PageLink>>,
    /// The items on this page, as a range of the whole list.
    #[serde(skip)]
    pub items: Range<usize>,
}

/// A numbered link to a page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub path: String,
    pub current: bool,
}

/// Splits `count` items into pages of `per_page` (at least one page, even when empty).
/// `path(n)` is the output path of page `n` (1-based).
pub fn paginate(count: usize, per_page: usize, path: impl Fn(usize) -> String) -> Vec<Pagination> {
    let per_page = per_page.max(1);
    let total = count.div_ceil(per_page).max(1);
    let first = path(1);
    let last = path(total);
    (1..=total)
        .map(|current| Pagination {
            current,
            total,
            path: path(current),
            previous: (current > 1).then(|| path(current - 1)),
            next: (current < total).then(|| path(current + 1)),
            first: first.clone(),
            last: last.clone(),
            links: window(current, total)
                .into_iter()
                .map(|n| {
                    n.map(|number| PageLink {
                        number,
                        path: path(number),
                        current: number == current,
                    })
                })
                .collect(),
            items: (current - 1) * per_page..(current * per_page).min(count),
        })
        .collect()
}

/// The page numbers to link from page `current` of `total`: always the first and the
/// last, and the pages within [`AROUND`] of the current one; `None` where numbers are
/// left out. A gap of a single page is shown as that page instead of "…".
fn window(current: usize, total: usize) -> Vec<Option<usize>> {
    let lo = current.saturating_sub(AROUND).max(1);
    let hi = (current + AROUND).min(total);
    let mut shown: Vec<usize> = vec![1];
    shown.extend(lo..=hi);
    shown.push(total);
    shown.sort_unstable();
    shown.dedup();
    let mut out = Vec::new();
    let mut previous = 0;
    for n in shown {
        if n == previous + 2 {
            out.push(Some(previous + 1));
        } else if n > previous + 2 {
            out.push(None);
        }
        out.push(Some(n));
        previous = n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(n: usize) -> String {
        if n == 1 {
            "s/index.html".into()
        } else {
            format!("s/page/{n}/index.html")
        }
    }

    /// `window` written as text: "1 … 4 5 [6] 7 8 … 20".
    fn shown(current: usize, total: usize) -> String {
        window(current, total)
            .into_iter()
            .map(|n| match n {
                Some(n) if n == current => format!("[{n}]"),
                Some(n) => n.to_string(),
                None => "…".into(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn windows_keep_the_ends_and_the_neighbours() {
        let cases = [
            (1, 1, "[1]"),
            (1, 2, "[1] 2"),
            (2, 2, "1 [2]"),
            (1, 7, "[1] 2 3 … 7"),
            (4, 7, "1 2 3 [4] 5 6 7"),
            (5, 7, "1 2 3 4 [5] 6 7"),
            (6, 20, "1 … 4 5 [6] 7 8 … 20"),
            (20, 20, "1 … 18 19 [20]"),
            (3, 8, "1 2 [3] 4 5 … 8"),
        ];
        for (current, total, want) in cases {
            assert_eq!(shown(current, total), want, "page {current} of {total}");
        }
    }

    #[test]
    fn pages_split_the_items() {
        let pages = paginate(23, 10, path);
        assert_eq!(pages.len(), 3);
        let ranges: Vec<Range<usize>> = pages.iter().map(|p| p.items.clone()).collect();
        assert_eq!(ranges, [0..10, 10..20, 20..23]);
        let second = &pages[1];
        assert_eq!(second.current, 2);
        assert_eq!(second.path, "s/page/2/index.html");
        assert_eq!(second.previous.as_deref(), Some("s/index.html"));
        assert_eq!(second.next.as_deref(), Some("s/page/3/index.html"));
        assert_eq!(second.first, "s/index.html");
        assert_eq!(second.last, "s/page/3/index.html");
        let current: Vec<usize> = second
            .links
            .iter()
            .flatten()
            .filter(|l| l.current)
            .map(|l| l.number)
            .collect();
        assert_eq!(current, [2]);
        assert_eq!(pages[0].previous, None);
        assert_eq!(pages[2].next, None);
    }

    #[test]
    fn an_empty_or_short_list_is_one_page() {
        for count in [0, 1, 10] {
            let pages = paginate(count, 10, path);
            assert_eq!(pages.len(), 1, "{count}");
            assert_eq!(pages[0].items, 0..count);
            assert_eq!(pages[0].previous, None);
            assert_eq!(pages[0].next, None);
        }
        // A page size of 0 would divide by zero; it counts as 1.
        assert_eq!(paginate(3, 0, path).len(), 3);
    }
}
