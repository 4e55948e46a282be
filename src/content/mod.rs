//! Loading and validating a portfolio folder into the typed [`model::Portfolio`].

pub mod date;
pub mod model;
