//! The `landscape` binary: parse the command line, run it, map the outcome to an exit
//! code. All work happens in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    landscape::cli::main()
}
