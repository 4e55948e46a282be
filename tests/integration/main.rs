//! The one integration-test binary: a module per feature, fixture sites by behaviour.

mod build;
mod check;
mod common;
mod scaffold;
mod search;
mod spc;
