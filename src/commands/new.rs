//! `qisite new project "Title"` and `qisite new pdsa PROJECT "Title"`: create correctly
//! filled files (next cycle number, today's date) that pass `qisite check`.

use crate::cli::{NewArgs, NewKind};
use crate::content::load::slugify;
use crate::error::{Error, Result};

use super::init::write_new;

const PROJECT: &str = include_str!("../scaffold/project.md");
const DRIVER: &str = include_str!("../scaffold/driver.yaml");
const PDSA: &str = include_str!("../scaffold/pdsa.md");

pub fn run(args: &NewArgs) -> Result<i32> {
    let root = &args.dir;
    if !root.join("site.yaml").is_file() {
        return Err(Error::Refused(format!(
            "`{}` has no site.yaml; run this in a portfolio folder or pass `--dir`",
            root.display()
        )));
    }
    let today = super::today().iso();
    match &args.kind {
        NewKind::Project { title } => {
            let slug = slugify(title);
            if slug.is_empty() {
                return Err(Error::Refused(
                    "the title needs at least one letter or digit".into(),
                ));
            }
            let dir = root.join("projects").join(&slug);
            if dir.exists() {
                return Err(Error::Refused(format!(
                    "a project `{slug}` already exists at `{}`",
                    dir.display()
                )));
            }
            let text = PROJECT
                .replace("{{title}}", &super::yaml_string(title))
                .replace("{{today}}", &today);
            write_new(&dir.join("index.md"), &text)?;
            write_new(&dir.join("driver.yaml"), DRIVER)?;
            println!("created `{}`", dir.join("index.md").display());
            Ok(0)
        }
        NewKind::Pdsa {
            project,
            title,
            change_idea,
        } => {
            let pdir = root.join("projects").join(project);
            if !pdir.join("index.md").is_file() {
                return Err(Error::Refused(format!(
                    "there is no project `{project}` (no `{}`)",
                    pdir.join("index.md").display()
                )));
            }
            let cycle = next_cycle(&pdir.join("pdsa"));
            let slug = slugify(title);
            let path = pdir.join("pdsa").join(format!("{cycle:02}-{slug}.md"));
            let idea = match change_idea {
                Some(id) => format!("change_idea: {}\n", super::yaml_string(id)),
                None => String::new(),
            };
            let text = PDSA
                .replace("{{cycle}}", &cycle.to_string())
                .replace("{{title}}", &super::yaml_string(title))
                .replace("{{change_idea}}", &idea)
                .replace("{{who}}", "\"\"")
                .replace("{{today}}", &today);
            write_new(&path, &text)?;
            println!("created `{}` (cycle {cycle})", path.display());
            Ok(0)
        }
    }
}

/// One more than the highest cycle number among `NN-*.md` files and `cycle:` lines.
fn next_cycle(dir: &std::path::Path) -> u32 {
    let mut max = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(n) = name.split('-').next().and_then(|n| n.parse::<u32>().ok()) {
            max = max.max(n);
        }
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            for line in text.lines().take(40) {
                if let Some(n) = line
                    .strip_prefix("cycle:")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                {
                    max = max.max(n);
                }
            }
        }
    }
    max + 1
}
