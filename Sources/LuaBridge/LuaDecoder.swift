/// Decodes any `Decodable` type from a `LuaValue`. Errors are `LuaError.conversion` naming the
/// path and both types: `decisions[2].award: expected integer, got string`. A float is accepted
/// as an integer only when it is whole and in range; 3.5 or 2^63 is refused.
public struct LuaDecoder {
    /// Creates a decoder.
    public init() {}

    /// Decodes a value.
    public func decode<Value: Decodable>(_ type: Value.Type, from value: LuaValue) throws -> Value {
        try Value(from: LuaValueDecoder(value: value, codingPath: []))
    }
}

private func describe(_ value: LuaValue) -> String {
    switch value {
    case .integer(let i): return "integer \(i)"
    case .number(let d): return "float \(d)"
    case .string: return "string"
    default: return value.typeName
    }
}

private func mismatch(_ expected: String, _ value: LuaValue, _ codingPath: [any CodingKey]) -> LuaError {
    .conversion(path: luaPath(codingPath), expected: expected, got: describe(value))
}

private func luaPath(_ codingPath: [any CodingKey]) -> String {
    codingPath.reduce("") { path, key in
        LuaPath.appending(key.intValue.map { .integer(Int64($0) + 1) } ?? .string(key.stringValue), to: path)
    }
}

private func integer<T: FixedWidthInteger>(_ type: T.Type, _ value: LuaValue, _ codingPath: [any CodingKey]) throws -> T {
    switch value {
    case .integer(let i):
        guard let exact = T(exactly: i) else { throw mismatch("\(T.self)", value, codingPath) }
        return exact
    case .number(let d):
        guard let exact = T(exactly: d) else { throw mismatch("integer", value, codingPath) }
        return exact
    default:
        throw mismatch("integer", value, codingPath)
    }
}

private struct LuaValueDecoder: Decoder {
    let value: LuaValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .table(let entries) = value else { throw mismatch("table", value, codingPath) }
        return KeyedDecodingContainer(KeyedContainer<Key>(entries: entries, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .table = value else { throw mismatch("list", value, codingPath) }
        guard let items = value.sequence else {
            throw LuaError.conversion(path: luaPath(codingPath), expected: "list (keys 1...n)", got: "table with other keys")
        }
        return UnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, codingPath: codingPath)
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: LuaValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .nil }
    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .boolean(let b) = value else { throw mismatch("boolean", value, codingPath) }
        return b
    }
    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw mismatch("string", value, codingPath) }
        return s
    }
    func decode(_ type: Double.Type) throws -> Double {
        switch value {
        case .number(let d): return d
        case .integer(let i): return Double(i)
        default: throw mismatch("number", value, codingPath)
        }
    }
    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type, value, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type, value, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type, value, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type, value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type, value, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type, value, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type, value, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type, value, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type, value, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type, value, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: LuaValueDecoder(value: value, codingPath: codingPath))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let entries: [LuaValue: LuaValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] {
        entries.keys.compactMap { if case .string(let s) = $0 { Key(stringValue: s) } else { nil } }
    }
    func contains(_ key: Key) -> Bool { entries[.string(key.stringValue)] != nil }

    private func single(_ key: Key) throws -> SingleContainer {
        guard let item = entries[.string(key.stringValue)] else {
            throw LuaError.conversion(path: luaPath(codingPath + [key]), expected: "a value", got: "nil")
        }
        return SingleContainer(value: item, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) -> Bool { !contains(key) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try single(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try single(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try single(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try single(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try single(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try single(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try single(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try single(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try single(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try single(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try single(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try single(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try single(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try single(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try single(key).decode(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try LuaValueDecoder(value: entries[.string(key.stringValue)] ?? .nil, codingPath: codingPath + [key]).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try LuaValueDecoder(value: entries[.string(key.stringValue)] ?? .nil, codingPath: codingPath + [key]).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder {
        LuaValueDecoder(value: entries[.string("super")] ?? .nil, codingPath: codingPath)
    }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        LuaValueDecoder(value: entries[.string(key.stringValue)] ?? .nil, codingPath: codingPath + [key])
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue!)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [LuaValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> SingleContainer {
        guard !isAtEnd else {
            throw LuaError.conversion(path: luaPath(codingPath + [IndexKey(currentIndex)]), expected: "a value", got: "the end of the list")
        }
        defer { currentIndex += 1 }
        return SingleContainer(value: items[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next().decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next().decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decode(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let item = try next()
        return try LuaValueDecoder(value: item.value, codingPath: item.codingPath).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let item = try next()
        return try LuaValueDecoder(value: item.value, codingPath: item.codingPath).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder {
        let item = try next()
        return LuaValueDecoder(value: item.value, codingPath: item.codingPath)
    }
}
