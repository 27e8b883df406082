/// Encodes any `Encodable` value as a `LuaValue`: structs and dictionaries become tables keyed
/// by name, arrays become 1-based sequences, `nil` is left out, every `Int` width becomes a Lua
/// integer and `Double`/`Float` a Lua float.
public struct LuaEncoder {
    /// Creates an encoder.
    public init() {}

    /// Encodes a value.
    public func encode<Value: Encodable>(_ value: Value) throws -> LuaValue {
        let root = EncodingNode()
        try value.encode(to: LuaValueEncoder(node: root, codingPath: []))
        return root.value
    }
}

/// A value being built: a leaf, or a table whose children are still being encoded.
private final class EncodingNode {
    var leaf: LuaValue = .nil
    var children: [LuaValue: EncodingNode]?

    var value: LuaValue {
        guard let children else { return leaf }
        var entries = [LuaValue: LuaValue](minimumCapacity: children.count)
        for (key, child) in children {
            let item = child.value
            if item != .nil { entries[key] = item }
        }
        return .table(entries)
    }

    func child(_ key: LuaValue) -> EncodingNode {
        if children == nil { children = [:] }
        if let existing = children![key] { return existing }
        let node = EncodingNode()
        children![key] = node
        return node
    }
}

private func path(_ codingPath: [any CodingKey]) -> String {
    codingPath.reduce("") { path, key in
        LuaPath.appending(key.intValue.map { .integer(Int64($0) + 1) } ?? .string(key.stringValue), to: path)
    }
}

private func integer<T: BinaryInteger>(_ value: T, at codingPath: [any CodingKey]) throws -> LuaValue {
    guard let exact = Int64(exactly: value) else {
        throw LuaError.conversion(path: path(codingPath), expected: "an integer Lua can hold (64-bit signed)", got: "\(value)")
    }
    return .integer(exact)
}

private struct LuaValueEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.children == nil { node.children = [:] }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.children == nil { node.children = [:] }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node, codingPath: codingPath)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    func encodeNil() { node.leaf = .nil }
    func encode(_ value: Bool) { node.leaf = .boolean(value) }
    func encode(_ value: String) { node.leaf = .string(value) }
    func encode(_ value: Double) { node.leaf = .number(value) }
    func encode(_ value: Float) { node.leaf = .number(Double(value)) }
    func encode(_ value: Int) throws { node.leaf = try integer(value, at: codingPath) }
    func encode(_ value: Int8) throws { node.leaf = try integer(value, at: codingPath) }
    func encode(_ value: Int16) throws { node.leaf = try integer(value, at: codingPath) }
    func encode(_ value: Int32) throws { node.leaf = try integer(value, at: codingPath) }
    func encode(_ value: Int64) throws { node.leaf = try integer(value, at: codingPath) }
    func encode(_ value: UInt) throws { node.leaf = try integer(value, at: codingPath) }
    func encode(_ value: UInt8) throws { node.leaf = try integer(value, at: codingPath) }
    func encode(_ value: UInt16) throws { node.leaf = try integer(value, at: codingPath) }
    func encode(_ value: UInt32) throws { node.leaf = try integer(value, at: codingPath) }
    func encode(_ value: UInt64) throws { node.leaf = try integer(value, at: codingPath) }
    func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: LuaValueEncoder(node: node, codingPath: codingPath))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func single(_ key: Key) -> SingleContainer {
        SingleContainer(node: node.child(.string(key.stringValue)), codingPath: codingPath + [key])
    }

    mutating func encodeNil(forKey key: Key) { single(key).encodeNil() }
    mutating func encode(_ value: Bool, forKey key: Key) { single(key).encode(value) }
    mutating func encode(_ value: String, forKey key: Key) { single(key).encode(value) }
    mutating func encode(_ value: Double, forKey key: Key) { single(key).encode(value) }
    mutating func encode(_ value: Float, forKey key: Key) { single(key).encode(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try single(key).encode(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try single(key).encode(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try single(key).encode(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try single(key).encode(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try single(key).encode(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try single(key).encode(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try single(key).encode(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try single(key).encode(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try single(key).encode(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try single(key).encode(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try single(key).encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        LuaValueEncoder(node: node.child(.string(key.stringValue)), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        LuaValueEncoder(node: node.child(.string(key.stringValue)), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        LuaValueEncoder(node: node.child(.string("super")), codingPath: codingPath)
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        LuaValueEncoder(node: node.child(.string(key.stringValue)), codingPath: codingPath + [key])
    }
}

private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue!)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int { node.children?.count ?? 0 }

    private func next() -> (EncodingNode, [any CodingKey]) {
        let index = count
        return (node.child(.integer(Int64(index + 1))), codingPath + [IndexKey(index)])
    }
    private func single() -> SingleContainer {
        let (child, path) = next()
        return SingleContainer(node: child, codingPath: path)
    }

    mutating func encodeNil() throws {
        throw LuaError.conversion(path: path(codingPath + [IndexKey(count)]), expected: "a value (Lua lists cannot hold nil)", got: "nil")
    }
    mutating func encode(_ value: Bool) { single().encode(value) }
    mutating func encode(_ value: String) { single().encode(value) }
    mutating func encode(_ value: Double) { single().encode(value) }
    mutating func encode(_ value: Float) { single().encode(value) }
    mutating func encode(_ value: Int) throws { try single().encode(value) }
    mutating func encode(_ value: Int8) throws { try single().encode(value) }
    mutating func encode(_ value: Int16) throws { try single().encode(value) }
    mutating func encode(_ value: Int32) throws { try single().encode(value) }
    mutating func encode(_ value: Int64) throws { try single().encode(value) }
    mutating func encode(_ value: UInt) throws { try single().encode(value) }
    mutating func encode(_ value: UInt8) throws { try single().encode(value) }
    mutating func encode(_ value: UInt16) throws { try single().encode(value) }
    mutating func encode(_ value: UInt32) throws { try single().encode(value) }
    mutating func encode(_ value: UInt64) throws { try single().encode(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try single().encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let (child, path) = next()
        return LuaValueEncoder(node: child, codingPath: path).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let (child, path) = next()
        return LuaValueEncoder(node: child, codingPath: path).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        let (child, path) = next()
        return LuaValueEncoder(node: child, codingPath: path)
    }
}
