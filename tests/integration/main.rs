//! The one integration-test binary: a module per feature, fixture sites by behaviour.

mod build;
mod check;
mod common;
mod dashboard;
mod people;
mod programmes;
mod scaffold;
mod serve;
mod spc;
mod stories;
