//! Bounds on untrusted input, checked before any parsing.

use crate::error::IntakeError;
use cogov_model::ErrorCode;

/// Largest input accepted: 16 MiB.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Deepest nesting of JSON arrays and objects accepted.
pub const MAX_DEPTH: usize = 128;

/// Refuses inputs over [`MAX_INPUT_BYTES`].
pub fn check_size(bytes: &[u8]) -> Result<(), IntakeError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(IntakeError::whole(
            ErrorCode::TooLarge,
            format!("input is {} bytes; the limit is {} bytes (16 MiB)", bytes.len(), MAX_INPUT_BYTES),
        ));
    }
    Ok(())
}

/// Refuses JSON text nested deeper than [`MAX_DEPTH`], naming the line and column where
/// the limit is crossed. Runs in one pass without building anything, so hostile input
/// cannot exhaust the stack of the parser that comes after it.
pub fn check_json_depth(text: &str) -> Result<(), IntakeError> {
    let (mut depth, mut line, mut col) = (0usize, 1usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        col += 1;
        if c == '\n' {
            line += 1;
            col = 0;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(IntakeError::at(
                        ErrorCode::TooDeep,
                        line,
                        col,
                        format!("nesting deeper than {MAX_DEPTH} levels"),
                    ));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Refuses a byte-order mark at the start of JSON text (GOV-X009). RFC 8259 forbids
/// writing one and only allows ignoring it; refusing with a clear message (rather than a bare
/// syntax error, or quietly reading a file other tools may reject) tells the author what to fix.
pub fn check_bom(bytes: &[u8]) -> Result<(), IntakeError> {
    let which = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        "a UTF-8 byte-order mark (EF BB BF)"
    } else if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        "a UTF-16 byte-order mark: the file is UTF-16, and JSON input must be UTF-8"
    } else {
        return Ok(());
    };
    Err(IntakeError::at(
        ErrorCode::ByteOrderMark,
        1,
        1,
        format!("the file starts with {which}; save it as UTF-8 without a byte-order mark"),
    ))
}

/// Decodes UTF-8, naming the line and column of the first invalid byte.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, IntakeError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        IntakeError::at(ErrorCode::NotUtf8, line, column, "invalid UTF-8")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_limit_is_exact_and_ignores_brackets_in_strings() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(check_json_depth(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let err = check_json_depth(&deep).expect_err("too deep");
        assert_eq!(err.code, ErrorCode::TooDeep);
        assert_eq!(err.location.to_string(), format!("1:{}", MAX_DEPTH + 1));
        let quoted = format!("[\"{}\\\"\"]", "[".repeat(500));
        assert!(check_json_depth(&quoted).is_ok());
    }

    #[test]
    fn oversized_input_is_refused() {
        let big = vec![b' '; MAX_INPUT_BYTES + 1];
        assert_eq!(check_size(&big).expect_err("too large").code, ErrorCode::TooLarge);
    }

    #[test]
    fn a_byte_order_mark_is_refused_with_its_own_code() {
        for bom in [&b"\xEF\xBB\xBF{}"[..], &b"\xFF\xFE{\x00}\x00"[..], &b"\xFE\xFF\x00{\x00}"[..]] {
            let err = check_bom(bom).expect_err("refused");
            assert_eq!(err.code, ErrorCode::ByteOrderMark);
            assert_eq!(err.location.to_string(), "1:1");
        }
        assert!(check_bom(b"{}").is_ok());
        assert!(check_bom(b"").is_ok());
    }

    #[test]
    fn invalid_utf8_names_its_place() {
        let err = decode_utf8(b"{\n  \"a\": \"\xff\"}").expect_err("invalid");
        assert_eq!(err.location.to_string(), "2:9");
    }
}
