//! Helpers the command-line tests share.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs the `claimlex` binary with `args`, feeding it `stdin`, and waits for it.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimlex"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The tool may exit (on a bad lexicon, say) before it reads its input.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}
