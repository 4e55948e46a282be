//! qisite: a static site generator for healthcare Quality Improvement portfolios.
//!
//! The pipeline is `load (content files → Portfolio) → analyse → render (→ OutputSet)
//! → write`. Each stage is a function from a value to a value; the commands in
//! [`commands`] wire them together.

pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod error;
pub mod fs;
pub mod output;
pub mod render;
pub mod serve;
pub mod spc;
pub mod timing;
