//! The `dossier` command.
fn main() {}
