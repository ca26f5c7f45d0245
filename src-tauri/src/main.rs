//! The CoGov Studio desktop binary.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    cogov_studio::run();
}
