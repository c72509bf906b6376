/// Monetary amounts of X12 "R" (decimal) elements, read exactly as integer cents.
///
/// Accepted text: an optional '-', digits, an optional '.', digits, at least one digit in
/// all ("12", "12.3", ".28", "-1.27", "5."). More than two decimals are accepted only when
/// the extra ones are zeros ("1.230" → 123 cents; "1.235" is refused). No '+', exponent,
/// spaces or thousands separators. Values beyond ±`largestCents` are refused, never trapped.
/// Source elements: BPR02, CLP03–05, SVC02–03, CAS03/06/…, AMT02, PLB04/06/….
enum X12Amount {
    /// The largest amount read, in cents: $1,000,000,000.00 either way (X12's R 1/18 would allow
    /// 18 digits). No remittance figure comes near it, and whatever adds figures up — a claim's
    /// adjustments, a payment's claims, an organization's outstanding total — stays far inside
    /// 64-bit cents (a file of 18-digit amounts crashed posting with an overflow). The JSON API
    /// takes the same bound for the amounts a client sends.
    static let largestCents = 100_000_000_000

    /// What reading an element as an amount gave.
    enum Reading: Equatable {
        case cents(Int)
        /// The element is empty (or absent).
        case empty
        /// Not an X12 decimal, or more than two non-zero decimals.
        case invalid
        /// Beyond ±`largestCents`.
        case tooLarge
    }

    /// Reads `bytes` (one element's text) as cents.
    static func read(_ bytes: UnsafeRawBufferPointer) -> Reading {
        if bytes.isEmpty { return .empty }
        if let cents = readShort(bytes) { return .cents(cents) }
        return readCarefully(bytes)
    }

    /// The common case, at most 16 bytes of '-'?, digits, '.', at most two digits (no
    /// overflow possible) within ±`largestCents`: the cents; nil for anything else
    /// (`readCarefully` decides).
    @inline(__always)
    static func readShort(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        guard count <= 16, let base = bytes.baseAddress else { return nil }
        var index = 0
        let negative = base.load(as: UInt8.self) == UInt8(ascii: "-")
        if negative { index = 1 }
        var whole = 0
        var digits = 0
        while index < count {
            let digit = base.load(fromByteOffset: index, as: UInt8.self) &- 0x30
            guard digit < 10 else { break }
            whole = whole &* 10 &+ Int(digit)
            digits &+= 1
            index &+= 1
        }
        var fraction = 0
        if index < count {
            guard base.load(fromByteOffset: index, as: UInt8.self) == UInt8(ascii: "."), count - index <= 3 else { return nil }
            index &+= 1
            var scale = 100
            while index < count {
                let digit = base.load(fromByteOffset: index, as: UInt8.self) &- 0x30
                guard digit < 10 else { return nil }
                scale /= 10
                fraction &+= Int(digit) &* scale
                digits &+= 1
                index &+= 1
            }
        }
        let total = whole &* 100 &+ fraction
        guard digits > 0, total <= largestCents else { return nil }
        return negative ? -total : total
    }

    /// Any text, with every check: `read`'s slow path.
    static func readCarefully(_ bytes: UnsafeRawBufferPointer) -> Reading {
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var whole = 0
        var fraction = 0
        var fractionDigits = 0
        var digits = 0
        var seenPoint = false
        var overflow = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                if seenPoint { return .invalid }
                seenPoint = true
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { return .invalid }
            digits += 1
            let digit = Int(byte - 0x30)
            if seenPoint {
                fractionDigits += 1
                if fractionDigits <= 2 {
                    fraction = fraction * 10 + digit
                } else if digit != 0 {
                    return .invalid
                }
            } else if !overflow {
                let (times, o1) = whole.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(digit)
                if o1 || o2 { overflow = true } else { whole = plus }
            }
        }
        if digits == 0 { return .invalid }
        if overflow { return .tooLarge }
        if fractionDigits == 1 { fraction *= 10 }
        let (hundreds, o1) = whole.multipliedReportingOverflow(by: 100)
        let (total, o2) = hundreds.addingReportingOverflow(fraction)
        if o1 || o2 || total > largestCents { return .tooLarge }
        return .cents(negative ? -total : total)
    }

    /// Reads text as cents (for tests and callers holding a String).
    static func read(_ text: String) -> Reading {
        var copy = Array(text.utf8)
        return copy.withUnsafeMutableBytes { read(UnsafeRawBufferPointer($0)) }
    }
}
