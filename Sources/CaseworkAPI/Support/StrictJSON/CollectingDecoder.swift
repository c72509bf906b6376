/// Decodes a `Decodable` body from `JSONInput` without stopping at the first problem: a value of
/// the wrong type, a missing required member, or a member the type never asks for each becomes a
/// `FieldError` with its JSON pointer, and decoding goes on with a stand-in value (empty string,
/// 0, false, empty list), so that a client learns every problem of a body at once.
///
/// A member counts as known when the type asks for it (`decode`, `decodeIfPresent`, `decodeNil`
/// or `contains`); every other member of an object the type reads is reported as unknown.
/// Stand-ins never report problems of their own.
struct CollectingDecoding {
    /// Decodes `T` from `input`; `problems` is empty when the body matched the type exactly.
    static func decode<T: Decodable>(_ type: T.Type, from input: JSONInput) -> (value: T?, problems: [FieldError]) {
        let state = CollectingDecoderState()
        let value = try? T(from: CollectingDecoder(node: input, pointer: "", state: state))
        return (value, state.errors + state.unknownMembers())
    }
}

/// What one decoding has found so far; shared by every decoder and container of it.
final class CollectingDecoderState {
    var errors: [FieldError] = []
    /// Objects read as keyed containers, by pointer, with the names the type asked for.
    private var objects: [(pointer: String, names: [String])] = []
    private var asked: [String: Set<String>] = [:]

    func fail(_ pointer: String, _ detail: String) { errors.append(FieldError(pointer: pointer, detail)) }

    func read(object pointer: String, names: [String]) {
        if asked[pointer] == nil { objects.append((pointer, names)); asked[pointer] = [] }
    }

    func ask(_ name: String, in pointer: String) { asked[pointer, default: []].insert(name) }

    func unknownMembers() -> [FieldError] {
        objects.flatMap { object in
            object.names.filter { !(asked[object.pointer]?.contains($0) ?? false) }.map {
                FieldError(pointer: object.pointer + "/" + JSONInput.pointerToken($0), "Not a member this request accepts.")
            }
        }
    }
}

/// A `Decoder` over one node; `node == nil` stands in for a missing or mistyped value.
struct CollectingDecoder: Decoder {
    let node: JSONInput?
    let pointer: String
    let state: CollectingDecoderState
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        var members: [(name: String, value: JSONInput)] = []
        switch node {
        case .object(let found)?:
            members = found
            state.read(object: pointer, names: found.map(\.name))
        case nil:
            break
        case let other?:
            state.fail(pointer, CollectingDecoder.expected("an object", other))
        }
        var live = false
        if case .object? = node { live = true }
        return KeyedDecodingContainer(CollectingKeyedContainer<Key>(
            members: Dictionary(members.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
            live: live, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch node {
        case .array(let items)?:
            return CollectingUnkeyedContainer(items: items, decoder: self)
        case nil:
            return CollectingUnkeyedContainer(items: [], decoder: self)
        case let other?:
            state.fail(pointer, CollectingDecoder.expected("an array", other))
            return CollectingUnkeyedContainer(items: [], decoder: self)
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { CollectingSingleValue(decoder: self) }

    /// The value at this node as `T`, or a stand-in (after recording why) when it is not one.
    func value<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return string() as! T }
        if T.self == Int.self { return integer() as! T }
        if T.self == Int64.self { return Int64(integer()) as! T }
        if T.self == Bool.self { return bool() as! T }
        if T.self == Double.self { return double() as! T }
        return try T(from: self)
    }

    private func string() -> String {
        switch node {
        case .string(let text)?: return text
        case nil: return ""
        case let other?: state.fail(pointer, Self.expected("a string", other)); return ""
        }
    }

    private func integer() -> Int {
        switch node {
        case .number(let text)?:
            if let value = Int(text), (-999_999_999_999_999...999_999_999_999_999).contains(value) { return value }
            state.fail(pointer, "Expected a whole number within range (amounts are integer cents).")
            return 0
        case nil: return 0
        case let other?: state.fail(pointer, Self.expected("an integer", other)); return 0
        }
    }

    private func bool() -> Bool {
        switch node {
        case .bool(let value)?: return value
        case nil: return false
        case let other?: state.fail(pointer, Self.expected("true or false", other)); return false
        }
    }

    private func double() -> Double {
        switch node {
        case .number(let text)?: return Double(text) ?? 0
        case nil: return 0
        case let other?: state.fail(pointer, Self.expected("a number", other)); return 0
        }
    }

    /// A decoder one level down, for the member or item at `pointer`.
    func child(_ node: JSONInput?, pointer: String, key: any CodingKey) -> CollectingDecoder {
        CollectingDecoder(node: node, pointer: pointer, state: state, codingPath: codingPath + [key])
    }

    static func expected(_ what: String, _ found: JSONInput) -> String {
        let kind = switch found {
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
        return "Expected \(what), found \(kind)."
    }
}

/// The members of one object; in a stand-in (`live == false`) nothing is reported.
struct CollectingKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONInput]
    let live: Bool
    let decoder: CollectingDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.keys.sorted().compactMap(Key.init(stringValue:)) }

    private func pointer(_ key: Key) -> String { decoder.pointer + "/" + JSONInput.pointerToken(key.stringValue) }

    private func ask(_ key: Key) -> JSONInput? {
        if live { decoder.state.ask(key.stringValue, in: decoder.pointer) }
        return members[key.stringValue]
    }

    func contains(_ key: Key) -> Bool { ask(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null? = ask(key) { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let node = ask(key)
        if node == nil && live { decoder.state.fail(pointer(key), "This field is required.") }
        if case .null? = node {
            decoder.state.fail(pointer(key), "Expected a value, found null.")
            return try decoder.child(nil, pointer: pointer(key), key: key).value(T.self)
        }
        return try decoder.child(node, pointer: pointer(key), key: key).value(T.self)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        switch ask(key) {
        case nil, .null?: return nil
        case let node?: return try decoder.child(node, pointer: pointer(key), key: key).value(T.self)
        }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(ask(key), pointer: pointer(key), key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(ask(key), pointer: pointer(key), key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder.child(ask(key), pointer: pointer(key), key: key) }
}

/// The items of one array.
struct CollectingUnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONInput]
    let decoder: CollectingDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }
    private(set) var currentIndex = 0

    init(items: [JSONInput], decoder: CollectingDecoder) { self.items = items; self.decoder = decoder }

    private mutating func next() -> CollectingDecoder {
        let index = currentIndex
        currentIndex += 1
        let node = index < items.count ? items[index] : nil
        return decoder.child(node, pointer: "\(decoder.pointer)/\(index)", key: IndexKey(intValue: index))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let item = next()
        if case .null? = item.node {
            decoder.state.fail(item.pointer, "Expected a value, found null.")
            return try decoder.child(nil, pointer: item.pointer, key: IndexKey(intValue: currentIndex - 1)).value(T.self)
        }
        return try item.value(T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { next() }
}

/// A single value (an enum's raw value, a wrapper type).
struct CollectingSingleValue: SingleValueDecodingContainer {
    let decoder: CollectingDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        if case .null? = decoder.node { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.value(T.self) }
}

/// The coding key of an array item.
struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { String(intValue ?? 0) }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { return nil }
}
