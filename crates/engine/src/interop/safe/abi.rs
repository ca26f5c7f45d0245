//! The small part of Ethereum's ABI that the Safe and Aragon exports write: Keccak-256, EIP-55
//! addresses, and the head/tail encoding of calls and parameter lists.
//!
//! Written here rather than pulled in as a crate: the exports need a dozen types, and the
//! interop checks decode every byte with `viem` (the real tool), so a mistake cannot pass.

/// Keccak-256 (the pre-standard padding Ethereum uses, not SHA3-256).
pub fn keccak256(input: &[u8]) -> [u8; 32] {
    const RATE: usize = 136;
    let mut state = [0u64; 25];
    let mut block = [0u8; RATE];
    let mut chunks = input.chunks_exact(RATE);
    for chunk in &mut chunks {
        absorb(&mut state, chunk);
    }
    let rest = chunks.remainder();
    block[..rest.len()].copy_from_slice(rest);
    block[rest.len()] ^= 0x01;
    block[RATE - 1] ^= 0x80;
    absorb(&mut state, &block);
    let mut out = [0u8; 32];
    for (i, lane) in state.iter().take(4).enumerate() {
        out[i * 8..i * 8 + 8].copy_from_slice(&lane.to_le_bytes());
    }
    out
}

fn absorb(state: &mut [u64; 25], block: &[u8]) {
    for (i, word) in block.chunks_exact(8).enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(word);
        state[i] ^= u64::from_le_bytes(b);
    }
    keccak_f(state);
}

/// The Keccak-f[1600] permutation.
fn keccak_f(a: &mut [u64; 25]) {
    const RC: [u64; 24] = [
        0x0000000000000001,
        0x0000000000008082,
        0x800000000000808a,
        0x8000000080008000,
        0x000000000000808b,
        0x0000000080000001,
        0x8000000080008081,
        0x8000000000008009,
        0x000000000000008a,
        0x0000000000000088,
        0x0000000080008009,
        0x000000008000000a,
        0x000000008000808b,
        0x800000000000008b,
        0x8000000000008089,
        0x8000000000008003,
        0x8000000000008002,
        0x8000000000000080,
        0x000000000000800a,
        0x800000008000000a,
        0x8000000080008081,
        0x8000000000008080,
        0x0000000080000001,
        0x8000000080008008,
    ];
    // Rotation offsets and the lane permutation pi, in the order rho-pi walks them.
    const ROT: [u32; 24] = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];
    const PI: [usize; 24] = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];
    for rc in RC {
        let mut c = [0u64; 5];
        for x in 0..5 {
            c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        }
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                a[x + 5 * y] ^= d;
            }
        }
        let mut last = a[1];
        for (rot, pi) in ROT.iter().zip(PI) {
            let next = a[pi];
            a[pi] = last.rotate_left(*rot);
            last = next;
        }
        for y in 0..5 {
            let row = [a[5 * y], a[5 * y + 1], a[5 * y + 2], a[5 * y + 3], a[5 * y + 4]];
            for x in 0..5 {
                a[5 * y + x] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
            }
        }
        a[0] ^= rc;
    }
}

/// Lower-case hex with a `0x` prefix.
pub fn hex0x(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(2 + bytes.len() * 2);
    s.push_str("0x");
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The 20 bytes of a `0x`-prefixed address of 40 hex digits (any case), or `None`.
pub fn parse_address(s: &str) -> Option<[u8; 20]> {
    let hex = s.strip_prefix("0x")?;
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut out = [0u8; 20];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

/// The EIP-55 mixed-case form of an address (what wallets and the Safe apps display).
pub fn checksum_address(addr: &[u8; 20]) -> String {
    let lower = hex0x(addr);
    let hash = keccak256(&lower.as_bytes()[2..]);
    let mut out = String::from("0x");
    for (i, ch) in lower[2..].chars().enumerate() {
        let nibble = (hash[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0x0f;
        out.push(if ch.is_ascii_alphabetic() && nibble >= 8 { ch.to_ascii_uppercase() } else { ch });
    }
    out
}

/// The 4-byte selector of a function signature such as `transfer(address,uint256)`.
pub fn selector(signature: &str) -> [u8; 4] {
    let h = keccak256(signature.as_bytes());
    [h[0], h[1], h[2], h[3]]
}

/// An ABI value.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// Any `uintN` (the exports never need more than 128 bits).
    Uint(u128),
    /// `address`.
    Address([u8; 20]),
    /// `bool`.
    Bool(bool),
    /// `bytesN`, left-aligned.
    FixedBytes(Vec<u8>),
    /// `bytes`.
    Bytes(Vec<u8>),
    /// `string`.
    String(String),
    /// `T[]`.
    Array(Vec<Token>),
    /// A struct.
    Tuple(Vec<Token>),
}

impl Token {
    fn is_dynamic(&self) -> bool {
        match self {
            Token::Bytes(_) | Token::String(_) | Token::Array(_) => true,
            Token::Tuple(items) => items.iter().any(Token::is_dynamic),
            _ => false,
        }
    }
}

fn word_u128(v: u128) -> [u8; 32] {
    let mut w = [0u8; 32];
    w[16..].copy_from_slice(&v.to_be_bytes());
    w
}

fn padded(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out.resize(bytes.len().div_ceil(32) * 32, 0);
    out
}

fn encode_one(t: &Token) -> Vec<u8> {
    match t {
        Token::Uint(v) => word_u128(*v).to_vec(),
        Token::Address(a) => {
            let mut w = [0u8; 32];
            w[12..].copy_from_slice(a);
            w.to_vec()
        }
        Token::Bool(b) => word_u128(u128::from(*b)).to_vec(),
        Token::FixedBytes(b) => {
            let mut w = [0u8; 32];
            w[..b.len().min(32)].copy_from_slice(&b[..b.len().min(32)]);
            w.to_vec()
        }
        Token::Bytes(b) => [word_u128(b.len() as u128).to_vec(), padded(b)].concat(),
        Token::String(s) => [word_u128(s.len() as u128).to_vec(), padded(s.as_bytes())].concat(),
        Token::Array(items) => [word_u128(items.len() as u128).to_vec(), encode(items)].concat(),
        Token::Tuple(items) => encode(items),
    }
}

/// `abi.encode(tokens…)`: static values in the head, dynamic ones in the tail behind offsets.
pub fn encode(tokens: &[Token]) -> Vec<u8> {
    let head_len: usize = tokens.iter().map(|t| if t.is_dynamic() { 32 } else { encode_one(t).len() }).sum();
    let mut head = Vec::with_capacity(head_len);
    let mut tail = Vec::new();
    for t in tokens {
        if t.is_dynamic() {
            head.extend_from_slice(&word_u128((head_len + tail.len()) as u128));
            tail.extend(encode_one(t));
        } else {
            head.extend(encode_one(t));
        }
    }
    head.extend(tail);
    head
}

/// A call: the selector of `signature`, then the encoded arguments.
pub fn call(signature: &str, args: &[Token]) -> Vec<u8> {
    [selector(signature).to_vec(), encode(args)].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keccak_known_vectors() {
        assert_eq!(hex0x(&keccak256(b"")), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        // Longer than one block (136 bytes), so the absorb loop runs twice.
        let long = vec![b'a'; 200];
        assert_eq!(hex0x(&keccak256(&long)).len(), 66);
        assert_eq!(hex0x(&selector("transfer(address,uint256)")), "0xa9059cbb");
        assert_eq!(hex0x(&selector("assignRoles(address,bytes32[],bool[])")), "0x957ed2b3");
        assert_eq!(
            hex0x(&selector("scopeFunction(bytes32,address,bytes4,(uint8,uint8,uint8,bytes)[],uint8)")),
            "0x7508dd98"
        );
    }

    #[test]
    fn eip55_example() {
        // The first example of EIP-55.
        let a = parse_address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed").expect("test step");
        assert_eq!(checksum_address(&a), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    }

    #[test]
    fn dynamic_arguments_go_behind_offsets() {
        let data = encode(&[Token::Uint(1), Token::Bytes(vec![0xab]), Token::Bool(true)]);
        assert_eq!(data.len(), 32 * 5);
        assert_eq!(data[63], 0x60, "offset of the bytes after a three-word head");
        assert_eq!(data[127], 1, "length of the bytes");
        assert_eq!(data[128], 0xab);
    }
}
