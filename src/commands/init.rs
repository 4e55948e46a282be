//! `qisite init DIR`: create a new, valid, small portfolio.

use std::path::Path;

use crate::cli::InitArgs;
use crate::error::{Error, Result};

/// The files of a new portfolio, path → text. `{{today}}` and `{{title}}` are filled in.
const FILES: &[(&str, &str)] = &[
    ("site.yaml", include_str!("../scaffold/site.yaml")),
    ("pages/about.md", include_str!("../scaffold/about.md")),
    (
        "people/alex-example.md",
        include_str!("../scaffold/person.md"),
    ),
    (
        "projects/our-first-project/index.md",
        include_str!("../scaffold/project.md"),
    ),
    (
        "projects/our-first-project/driver.yaml",
        include_str!("../scaffold/driver.yaml"),
    ),
];

pub fn run(args: &InitArgs) -> Result<i32> {
    let dir = &args.dir;
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Error::Refused(format!(
            "`{}` already exists and is not empty; choose a new folder name",
            dir.display()
        )));
    }
    let today = super::today().iso();
    for (rel, text) in FILES {
        let text = text
            .replace("{{today}}", &today)
            .replace("{{title}}", &super::yaml_string("Our first project"));
        write_new(&dir.join(rel), &text)?;
    }
    println!("created a new portfolio in `{}`", dir.display());
    println!(
        "next: `qisite check {0}`, then `qisite build {0}`",
        dir.display()
    );
    Ok(0)
}

/// Writes a file that must not exist yet, creating its folder.
pub fn write_new(path: &Path, text: &str) -> Result<()> {
    if path.exists() {
        return Err(Error::Refused(format!(
            "`{}` already exists; qisite will not overwrite it",
            path.display()
        )));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(path, text).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}
