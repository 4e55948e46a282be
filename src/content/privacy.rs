//! Catching patient-identifiable data before it is published: QI data must never carry
//! it. Finds NHS numbers (ten digits, optionally spaced 3-3-4, with a valid modulus 11
//! check digit) in any text. Pure.

/// Byte offsets of NHS-number-like sequences in `text`.
pub fn nhs_numbers(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes are not digits: test that first, as every file is scanned.
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let boundary_before = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || (bytes[i - 1] == b'.' && i >= 2 && bytes[i - 2].is_ascii_digit()));
        if boundary_before {
            if let Some((digits, end)) = read_candidate(bytes, i) {
                let boundary_after = end == bytes.len()
                    || !(bytes[end].is_ascii_alphanumeric()
                        || (bytes[end] == b'.'
                            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)));
                if boundary_after && valid_check_digit(&digits) {
                    found.push(i);
                    i = end;
                    continue;
                }
            }
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    found
}

/// Ten digits written together or as `ddd ddd dddd` / `ddd-ddd-dddd`.
fn read_candidate(bytes: &[u8], start: usize) -> Option<([u8; 10], usize)> {
    let mut digits = [0u8; 10];
    let mut n = 0;
    let mut i = start;
    let mut sep: Option<u8> = None;
    while i < bytes.len() && n < 10 {
        let b = bytes[i];
        if b.is_ascii_digit() {
            digits[n] = b - b'0';
            n += 1;
            i += 1;
        } else if (n == 3 || n == 6) && (b == b' ' || b == b'-') && sep.is_none_or(|s| s == b) {
            if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                sep = Some(b);
                i += 1;
            } else {
                return None;
            }
        } else {
            return None;
        }
    }
    if n != 10 || bytes.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // A separator must be used at both places or at neither.
    let text = &bytes[start..i];
    let seps = text.iter().filter(|b| !b.is_ascii_digit()).count();
    (seps == 0 || seps == 2).then_some((digits, i))
}

/// The NHS number modulus 11 check.
fn valid_check_digit(d: &[u8; 10]) -> bool {
    if d.iter().all(|x| *x == d[0]) {
        return false;
    }
    let sum: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, x)| u32::from(*x) * (10 - i as u32))
        .sum();
    let check = 11 - (sum % 11);
    let check = if check == 11 { 0 } else { check };
    check != 10 && check == u32::from(d[9])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_valid_nhs_numbers_in_any_layout() {
        // 943 476 5919 is the NHS's published example number.
        assert_eq!(nhs_numbers("patient 943 476 5919 seen"), vec![8]);
        assert_eq!(nhs_numbers("9434765919"), vec![0]);
        assert_eq!(nhs_numbers("x,943-476-5919,"), vec![2]);
    }

    #[test]
    fn ignores_other_numbers() {
        assert!(nhs_numbers("9434765918").is_empty(), "bad check digit");
        assert!(nhs_numbers("94347659190").is_empty(), "eleven digits");
        assert!(nhs_numbers("1111111111").is_empty());
        assert!(nhs_numbers("2025-01-06,12,40").is_empty());
        assert!(nhs_numbers("943 4765919").is_empty(), "mixed spacing");
        assert!(nhs_numbers("0.9434765919").is_empty());
    }
}
