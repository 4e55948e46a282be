//! Renders content-example and checks the site as a whole.
