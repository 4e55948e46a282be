//! The one integration-test binary: a module per feature, fixture sites by behaviour.

mod check;
mod common;
mod scaffold;
mod spc;
