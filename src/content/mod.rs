//! Loading and validating a portfolio folder into the typed [`model::Portfolio`].
//! Reads content files; knows nothing of rendering.

pub mod combine;
pub mod date;
pub mod frontmatter;
pub mod load;
pub mod measure_data;
pub mod model;
pub mod privacy;
pub mod validate;
pub mod yaml;

pub use load::{load, load_cached, Loaded, ProjectCache};
