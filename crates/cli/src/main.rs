//! The `cogov` binary: all logic lives in the library.

fn main() -> std::process::ExitCode {
    cogov::run(std::env::args_os())
}
