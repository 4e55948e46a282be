//! National scale: what a build does differently to stay fast on large portfolios
//! (chart PNGs only where they are affordable or asked for).

use super::common::{page, qisite, site, snapshot};

/// Appends `yaml` to the fixture's site.yaml.
fn with_config(dir: &std::path::Path, yaml: &str) {
    let path = dir.join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}{yaml}")).unwrap();
}

fn pngs(out: &std::path::Path) -> Vec<String> {
    snapshot(out)
        .into_keys()
        .filter(|k| k.ends_with(".png"))
        .collect()
}

#[test]
fn a_small_site_draws_every_chart_as_png_by_default() {
    let dir = site("");
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("public");
    let html = page(&out, "projects/falls-ward-7/index.html");
    assert!(html.contains("href=\"measures/falls.png\" download"));
    assert!(pngs(&out).contains(&"projects/falls-ward-7/measures/falls.png".to_owned()));
    assert!(!err.contains("no chart PNGs"), "{err}");
}

#[test]
fn png_never_leaves_out_the_pngs_and_their_links_and_the_flag_overrides_it() {
    let dir = site("");
    with_config(dir.path(), "charts:\n  png: never\n");
    let (code, _, err) = qisite(&["build", "."], dir.path());
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("public");
    assert_eq!(pngs(&out), Vec::<String>::new());
    let html = page(&out, "projects/falls-ward-7/index.html");
    assert!(!html.contains(".png\""), "no link to a PNG");
    assert!(html.contains(
        "<a href=\"measures/falls.svg\" download>chart as SVG</a>, \
         <a href=\"measures/falls.csv\" download>data with limits as CSV</a>."
    ));
    let programme = page(&out, "programmes/sepsis/index.html");
    assert!(!programme.contains(".png\""));
    assert!(
        err.contains("note: no chart PNGs were drawn (`charts.png: never`)"),
        "{err}"
    );

    // `--png always` wins over site.yaml; a rebuild gains the PNGs and their links.
    let (code, _, err) = qisite(&["build", ".", "--png", "always"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(pngs(&out).contains(&"projects/falls-ward-7/measures/falls.png".to_owned()));
    assert!(page(&out, "projects/falls-ward-7/index.html")
        .contains("href=\"measures/falls.png\" download"));
}

#[test]
fn an_unknown_png_setting_is_a_located_error() {
    let dir = site("");
    with_config(dir.path(), "charts:\n  png: sometimes\n");
    let (code, _, err) = qisite(&["check", "."], dir.path());
    assert_eq!(code, 1);
    assert!(err.contains("site.yaml:"), "{err}");
    assert!(err.contains("sometimes"), "{err}");
    let (code, _, err) = qisite(&["build", ".", "--png", "sometimes"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("use `auto`, `always` or `never`"), "{err}");
}
