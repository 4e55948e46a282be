//! The plain-Markdown twin: the same words as a Hugo site, for benchmarking qisite against
//! Hugo on equal text. One page per project (a branch bundle, so it lists its cycles) and
//! one per PDSA cycle, with the same taxonomies (status, priorities, directorates, methods,
//! tags), a minimal `hugo.toml` and minimal layouts that render every page and every
//! taxonomy term as real HTML.

use std::fmt::Write as _;

use super::series::Row;
use super::File;

/// The first line of hugo.toml: marks a folder as this generator's output.
pub const MARKER: &str = "# Hugo twin of a synthetic QI portfolio made by qisite's synth example.";

/// Rewrites the write-up's links for the twin: links to PDSA cycles and other projects
/// point at their Hugo pages; links to pages the twin does not have (people, programmes)
/// become plain text.
pub fn links(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](").map(|m| open + m) else {
            break;
        };
        let Some(close) = rest[mid..].find(')').map(|c| mid + c) else {
            break;
        };
        let text = &rest[open + 1..mid];
        let target = &rest[mid + 2..close];
        out.push_str(&rest[..open]);
        if let Some(cycle) = target
            .strip_prefix("pdsa/")
            .and_then(|t| t.strip_suffix(".md"))
        {
            let _ = write!(out, "[{text}](pdsa/{cycle}/)");
        } else if let Some(project) = target
            .strip_prefix("../")
            .and_then(|t| t.strip_suffix("/index.md"))
            .filter(|t| !t.contains('/'))
        {
            let _ = write!(out, "[{text}](../{project}/)");
        } else {
            out.push_str(text);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A measure's data as a Markdown table (qisite shows the same data in a table).
pub fn table(out: &mut String, rows: &[Row], multiplier: f64) {
    match rows.first().and_then(|r| r.denominator) {
        Some(_) => {
            out.push_str("| Month | Numerator | Denominator | Value |\n|---|---|---|---|\n");
            for r in rows {
                let d = r.denominator.unwrap_or(1);
                let _ = writeln!(
                    out,
                    "| {} | {} | {d} | {:.1} |",
                    r.month.long(),
                    r.value as u64,
                    r.value / f64::from(d) * multiplier
                );
            }
        }
        None => {
            out.push_str("| Month | Value |\n|---|---|\n");
            for r in rows {
                let _ = writeln!(out, "| {} | {:.1} |", r.month.long(), r.value);
            }
        }
    }
}

/// hugo.toml, the layouts and the section page.
pub fn site(n: usize) -> Vec<File> {
    let toml = format!(
        "{MARKER}\nbaseURL = \"https://qi.synthetic.example/\"\ntitle = \"Synthetic National QI Portfolio\"\nlanguageCode = \"en-gb\"\n# qisite writes no RSS feed per taxonomy term; neither does the twin.\ndisableKinds = [\"RSS\"]\n\n[taxonomies]\n  status = \"status\"\n  priority = \"priorities\"\n  directorate = \"directorates\"\n  method = \"methods\"\n  tag = \"tags\"\n"
    );
    let baseof = r#"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/projects/" | relURL }}">Projects</a>{{ range $name, $_ := site.Taxonomies }} <a href="{{ printf "/%s/" $name | relURL }}">{{ $name | humanize }}</a>{{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;
    let single = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ end }}
"#;
    let list = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range $name, $_ := site.Taxonomies }}{{ with $.GetTerms $name }}<p>{{ $name | humanize }}: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}{{ end }}
{{ .Content }}
{{ with .Pages }}<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
{{ end }}
"#;
    let taxonomy = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#;
    let term = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}: {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
"#;
    vec![
        File::new("hugo.toml", toml),
        File::new("layouts/_default/baseof.html", baseof.to_owned()),
        File::new("layouts/_default/single.html", single.to_owned()),
        File::new("layouts/_default/list.html", list.to_owned()),
        File::new("layouts/_default/taxonomy.html", taxonomy.to_owned()),
        File::new("layouts/_default/term.html", term.to_owned()),
        File::new(
            "content/_index.md",
            format!("---\ntitle: Synthetic National QI Portfolio\n---\nA synthetic portfolio of {n} quality improvement projects: the plain-Markdown twin of a qisite portfolio.\n"),
        ),
        File::new(
            "content/projects/_index.md",
            "---\ntitle: Projects\n---\n".to_owned(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_links_for_the_twin() {
        let md = "See [1](pdsa/01-a-b.md), [Ana](../../people/ana.md), [x](../other/index.md) and [P](../../programmes/p/index.md).";
        assert_eq!(
            links(md),
            "See [1](pdsa/01-a-b/), Ana, [x](../other/) and P."
        );
    }
}
