//! The one integration-test binary: a module per feature, fixture sites by behaviour.

mod build;
mod check;
mod common;
mod dashboard;
mod feeds;
mod links;
mod manifest;
mod people;
mod programmes;
mod scaffold;
mod scale;
mod search;
mod serve;
mod spc;
mod stories;
mod synth;
