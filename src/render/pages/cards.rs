//! Project cards drawn once and reused. A project is listed on many pages (its status,
//! priorities, directorate, methods and tags, its people's pages, its programme's
//! page), and drawing its card with the theme's `partials/project_card.html` on every
//! one of them cost more than the rest of those pages. Each project's card is drawn
//! once per heading level, for a page two folders deep (every page that lists cards
//! this way is: `tags/<slug>/index.html`, `people/<slug>/index.html`, …), and handed to
//! the templates beside the card's data; `partials/project_cards.html` shows the drawn
//! card when its heading level is the one asked for, and draws the card itself
//! otherwise.
//!
//! Pure: no I/O. Uses the view models and the templates.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Tera, Value};

use super::super::templates::template_error;
use super::super::views::{Index, ProjectCard};
use crate::content::model::Project;
use crate::error::{Error, Result};

/// The template that draws one card.
const TEMPLATE: &str = "partials/project_card.html";

/// The page the cards are drawn for: two folders deep, in a folder no page is in, so
/// every link in a card leads up to the site's root and down again, and reads the same
/// from any page two folders deep.
const DRAWN_FOR: &str = "_/_/index.html";

/// The heading levels a card's title may have (`card_heading`).
const HEADINGS: [&str; 2] = ["h2", "h3"];

/// A card with the HTML it draws to.
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    card: &'a ProjectCard,
    /// The card drawn by `partials/project_card.html` (trusted HTML).
    html: Value,
    /// The `card_heading` it was drawn with.
    html_heading: &'static str,
}

/// Each project's card, drawn on first use and kept.
pub(super) struct Cards<'a> {
    tera: &'a Tera,
    index: &'a Index<'a>,
    /// Project slug → its cards, by heading level (as in [`HEADINGS`]).
    /// A template error is kept as its message (`Error::Template`'s).
    drawn: BTreeMap<&'a str, [OnceLock<std::result::Result<Value, String>>; 2]>,
}

impl<'a> Cards<'a> {
    pub(super) fn new(index: &'a Index<'a>, tera: &'a Tera) -> Cards<'a> {
        Cards {
            tera,
            index,
            drawn: index
                .portfolio
                .projects
                .iter()
                .map(|p| (p.slug.as_str(), Default::default()))
                .collect(),
        }
    }

    /// The cards of `projects` for a page two folders deep that titles them with
    /// `heading` (`"h2"` or `"h3"`): each card's data (as [`ProjectCard`]) with `html`,
    /// the card drawn, and `html_heading`.
    pub(super) fn listed<'p>(
        &self,
        projects: impl IntoIterator<Item = &'p Project>,
        heading: &'static str,
    ) -> Result<Vec<Value>> {
        let level = HEADINGS.iter().position(|h| *h == heading).unwrap_or(1);
        projects
            .into_iter()
            .map(|p| {
                match self.drawn.get(p.slug.as_str()) {
                    Some(cells) => cells[level]
                        .get_or_init(|| self.draw(p, HEADINGS[level]))
                        .clone(),
                    None => self.draw(p, HEADINGS[level]),
                }
                .map_err(|message| Error::Template {
                    template: TEMPLATE.to_owned(),
                    message,
                })
            })
            .collect()
    }

    fn draw(&self, project: &Project, heading: &'static str) -> std::result::Result<Value, String> {
        let card = self.index.card(project);
        let mut ctx = Context::new();
        ctx.insert("page_path", DRAWN_FOR);
        ctx.insert("project", &card);
        ctx.insert("card_heading", heading);
        let html = self.tera.render(TEMPLATE, &ctx).map_err(|e| {
            let sources = BTreeMap::from([(TEMPLATE.to_owned(), String::new())]);
            match template_error(&e, &sources) {
                Error::Template { message, .. } => message,
                other => other.to_string(),
            }
        })?;
        Ok(Value::from_serializable(&Listed {
            card: &card,
            html: Value::safe_string(&html),
            html_heading: heading,
        }))
    }
}
