/// The four delimiters of an interchange, each one byte.
///
/// Read from the ISA header (X12 ISA): element separator = the byte after "ISA", repetition
/// separator = ISA11 when it is not a letter or digit (5010; 4010 puts the code 'U' there),
/// component separator = ISA16, segment terminator = the byte after ISA16. A file without
/// envelope gets `*` `:` `^` and the terminator it uses after its first ST (see `bare`).
struct X12Delimiters: Equatable, Sendable {
    var element: UInt8
    var component: UInt8
    var repetition: UInt8?
    var terminator: UInt8

    /// Length of an ISA segment, terminator included: 3 + 16 separators + 86 + 1.
    static let isaLength = 106
    /// ISA01–ISA16 widths (fixed by the standard, identical in 4010 and 5010).
    static let isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]

    /// Reads the delimiters from the first 106 bytes of an ISA segment (`bytes` starts at
    /// "ISA" and holds at least `isaLength` bytes). Returns the reason as text when the ISA
    /// is not 106 bytes of fixed-width elements or its delimiters clash.
    static func fromISA(_ bytes: UnsafeRawBufferPointer) -> Result<X12Delimiters, ISAProblem> {
        guard bytes.count >= isaLength else { return .failure(.init("ISA is shorter than 106 bytes")) }
        let element = bytes[3]
        guard isSeparatorCandidate(element) else {
            return .failure(.init("ISA element separator is a letter, digit or blank"))
        }
        var position = 4
        for (index, width) in isaWidths.enumerated() {
            let number = index + 1
            for offset in position..<(position + width) where bytes[offset] == element {
                return .failure(.init("ISA must be 106 bytes of fixed-width elements: "
                    + "ISA\(twoDigits(number)) is shorter than \(width) characters"))
            }
            position += width
            if number < 16 && bytes[position] != element {
                return .failure(.init("ISA must be 106 bytes of fixed-width elements: "
                    + "ISA\(twoDigits(number)) is longer than \(width) characters"))
            }
            if number < 16 { position += 1 }
        }
        let component = bytes[104]
        let terminator = bytes[105]
        let isa11 = bytes[82]
        guard isSeparatorCandidate(component), component != element else {
            return .failure(.init("ISA16 component separator is not a usable delimiter"))
        }
        guard !isAlphanumeric(terminator), terminator != 0x20,
              terminator != element, terminator != component else {
            return .failure(.init("the segment terminator after ISA16 is not a usable delimiter"))
        }
        for offset in 0..<105 where bytes[offset] == terminator {
            return .failure(.init("the segment terminator after ISA16 also appears inside the ISA"))
        }
        var repetition: UInt8? = nil
        if isSeparatorCandidate(isa11) {
            guard isa11 != element, isa11 != component, isa11 != terminator else {
                return .failure(.init("ISA11 repetition separator repeats another delimiter"))
            }
            repetition = isa11
        }
        return .success(X12Delimiters(element: element, component: component,
                                      repetition: repetition, terminator: terminator))
    }

    /// Delimiters of a file without envelope, whose first segment (at `bytes`) is "ST":
    /// element separator = the byte after "ST"; terminator = whichever of '~', LF or CR comes
    /// first after it (CR followed by LF means LF). `nil` when more bytes are needed to tell
    /// (`atEnd` false) or when the ST does not look like a segment.
    static func bare(_ bytes: UnsafeRawBufferPointer, atEnd: Bool) -> BareDetection {
        guard bytes.count >= 3 else { return atEnd ? .notST : .needMore }
        let element = bytes[2]
        guard isSeparatorCandidate(element), element != UInt8(ascii: "~") else { return .notST }
        var index = 3
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "~") || byte == 0x0A {
                return .found(X12Delimiters(element: element, component: UInt8(ascii: ":"),
                                            repetition: UInt8(ascii: "^"), terminator: byte))
            }
            if byte == 0x0D {
                if index + 1 >= bytes.count && !atEnd { return .needMore }
                let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0
                return .found(X12Delimiters(element: element, component: UInt8(ascii: ":"),
                                            repetition: UInt8(ascii: "^"),
                                            terminator: next == 0x0A ? 0x0A : 0x0D))
            }
            index += 1
        }
        return atEnd ? .noTerminator : .needMore
    }

    enum BareDetection: Equatable {
        case found(X12Delimiters)
        case needMore
        case notST
        case noTerminator
    }

    /// Why an ISA could not give delimiters (text without patient data).
    struct ISAProblem: Error, Equatable {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// A byte that may separate elements or components: not a letter, digit, blank or line break.
    static func isSeparatorCandidate(_ byte: UInt8) -> Bool {
        !isAlphanumeric(byte) && byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
