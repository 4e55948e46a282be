//! The one integration-test binary: a module per feature, fixture sites by behaviour.

mod build;
mod check;
mod common;
mod feeds;
mod links;
mod scaffold;
mod spc;
