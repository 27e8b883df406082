import Testing
@testable import LuaBridge

/// A nested model exercising every kind of value the bridge must carry unchanged.
struct Sample: Codable, Equatable {
    enum Colour: String, Codable, CaseIterable { case red, green, blue }
    struct Inner: Codable, Equatable {
        var label: String
        var weight: Double
        var flags: [Bool]
    }
    var int: Int
    var int8: Int8
    var int16: Int16
    var int32: Int32
    var int64: Int64
    var uint8: UInt8
    var uint16: UInt16
    var uint32: UInt32
    var uint64: UInt64
    var double: Double
    var float: Float
    var text: String
    var optionalText: String?
    var optionalInt: Int?
    var colour: Colour
    var inners: [Inner]
    var nested: [[Int]]
    var table: [String: Int]
}

/// A small deterministic generator (SplitMix64), so a failure reproduces.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func pick<T: FixedWidthInteger>(_ type: T.Type, _ rng: inout SplitMix) -> T {
    let extremes: [T] = [.min, .max, 0, 1, .min &+ 1, .max &- 1]
    return Bool.random(using: &rng) ? extremes.randomElement(using: &rng)! : T.random(in: .min ... .max, using: &rng)
}

func randomString(_ rng: inout SplitMix) -> String {
    let pieces = ["a", "\0", "é", "£", "日本", "🚐", " ", "\n", "\"", "\\", "x\0y"]
    return (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
}

func randomSample(_ rng: inout SplitMix) -> Sample {
    let doubles: [Double] = [0.0, -0.0, .infinity, -.infinity, 1.5, -2.25, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1]
    return Sample(
        int: pick(Int.self, &rng), int8: pick(Int8.self, &rng), int16: pick(Int16.self, &rng),
        int32: pick(Int32.self, &rng), int64: pick(Int64.self, &rng), uint8: pick(UInt8.self, &rng),
        uint16: pick(UInt16.self, &rng), uint32: pick(UInt32.self, &rng),
        uint64: UInt64.random(in: 0...UInt64(Int64.max), using: &rng),
        double: Bool.random(using: &rng) ? doubles.randomElement(using: &rng)! : Double.random(in: -1e300...1e300, using: &rng),
        float: Float.random(in: -1e30...1e30, using: &rng),
        text: randomString(&rng),
        optionalText: Bool.random(using: &rng) ? randomString(&rng) : nil,
        optionalInt: Bool.random(using: &rng) ? pick(Int.self, &rng) : nil,
        colour: Sample.Colour.allCases.randomElement(using: &rng)!,
        inners: (0..<Int.random(in: 0...3, using: &rng)).map { _ in
            Sample.Inner(label: randomString(&rng), weight: Double.random(in: -10...10, using: &rng),
                         flags: (0..<Int.random(in: 0...3, using: &rng)).map { _ in Bool.random(using: &rng) })
        },
        nested: (0..<Int.random(in: 0...3, using: &rng)).map { _ in (0..<Int.random(in: 0...3, using: &rng)).map { _ in pick(Int.self, &rng) } },
        table: Dictionary(uniqueKeysWithValues: (0..<Int.random(in: 0...3, using: &rng)).map { ("k\($0)", pick(Int.self, &rng)) })
    )
}

/// Pushes a value into a state, passes it through a Lua identity function, and reads it back.
func roundTrip<T: Codable>(_ value: T, in state: LuaState) throws -> T {
    let identity = try state.load("return ...", chunkName: "=identity")
    return try state.call(identity, arguments: { state in
        try state.push(encoding: value)
        return 1
    }, read: { state, index in try state.decode(T.self, at: index) })
}

@Suite struct ConversionTests {
    @Test func randomNestedValuesRoundTripUnchanged() throws {
        let state = try LuaState()
        var rng = SplitMix(state: 2021)
        for _ in 0..<500 {
            let sample = randomSample(&rng)
            let back = try roundTrip(sample, in: state)
            #expect(back == sample)
            #expect(back.double.sign == sample.double.sign) // -0.0 stays -0.0
        }
    }

    @Test func integersStayIntegersAndFloatsStayFloats() throws {
        let state = try LuaState()
        let typeOf = try state.load("return math.type(...)", chunkName: "=type")
        #expect(try state.call(typeOf, [.integer(1)]) == [.string("integer")])
        try #expect(state.call(typeOf, results: 1, arguments: { s in try s.push(encoding: 2.0); return 1 }, read: { s, i in try s.value(at: i) }) == .string("float"))
        let big = (1 << 53) + 1
        #expect(try roundTrip(big, in: state) == big)
        let add = try state.load("return (...) + 1", chunkName: "=add")
        #expect(try state.call(add, [.integer(Int64(big))]) == [.integer(Int64(big) + 1)])
    }

    @Test func stringsKeepEmbeddedNulBytes() throws {
        let state = try LuaState()
        let length = try state.load("return #(...)", chunkName: "=len")
        #expect(try state.call(length, [.string("a\0b\0c")]) == [.integer(5)])
        #expect(try roundTrip("x\0y£", in: state) == "x\0y£")
    }

    @Test func arraysAreOneBasedSequences() throws {
        let state = try LuaState()
        let first = try state.load("local t = ... return t[1], #t, t[0]", chunkName: "=seq")
        let values = try state.call(first, results: 3, arguments: { s in try s.push(encoding: [10, 20, 30]); return 1 },
                                    read: { s, i in try (0..<3).map { try s.value(at: i + $0) } })
        #expect(values == [.integer(10), .integer(3), .nil])
    }

    @Test func decodingErrorsNameThePathAndTypes() throws {
        struct Decision: Codable { var award: Int }
        struct Result: Codable { var decisions: [Decision] }
        let state = try LuaState()
        let chunk = try state.load("return { decisions = { { award = 1 }, { award = 'lots' } } }", chunkName: "=d")
        #expect(throws: LuaError.conversion(path: "decisions[2].award", expected: "integer", got: "string")) {
            try state.call(chunk, read: { s, i in try s.decode(Result.self, at: i) })
        }
    }

    @Test func fractionalAndOutOfRangeNumbersAreNotInts() throws {
        let state = try LuaState()
        for (source, got) in [("return 3.5", "float 3.5"), ("return 2^63", "float 9.223372036854776e+18")] {
            let chunk = try state.load(source, chunkName: "=n")
            #expect(throws: LuaError.conversion(path: "", expected: "integer", got: got)) {
                try state.call(chunk, read: { s, i in try s.decode(Int.self, at: i) })
            }
        }
        let whole = try state.load("return 7 / 1", chunkName: "=w")
        #expect(try state.call(whole, read: { s, i in try s.decode(Int.self, at: i) }) == 7)
        let wide = try state.load("return 300", chunkName: "=u8")
        #expect(throws: LuaError.conversion(path: "", expected: "UInt8", got: "integer 300")) {
            try state.call(wide, read: { s, i in try s.decode(UInt8.self, at: i) })
        }
    }

    @Test func unsignedValuesBeyondLuaIntegersAreRefused() throws {
        #expect(throws: LuaError.self) { try LuaEncoder().encode(UInt64.max) }
    }

    @Test func cyclicTablesAreRefusedNotFollowed() throws {
        let state = try LuaState()
        let chunk = try state.load("local t = {} t.self = t return t", chunkName: "=cycle")
        #expect(throws: LuaError.self) { try state.call(chunk, read: { s, i in try s.value(at: i) }) }
    }

    @Test func fastPathWritesAndReadsTheSameTableAsCodable() throws {
        struct Point: Codable, Equatable {
            var x: Int
            var label: String
            var share: Double
            var tags: [String]
        }
        let keys = LuaKeyTable(["x", "label", "share", "tags"])
        let state = try LuaState()
        let identity = try state.load("return ...", chunkName: "=id")
        let point = Point(x: 1 << 60, label: "a\0b", share: 0.5, tags: ["p", "q"])
        let fast = try state.call(identity, arguments: { s in
            let table = try s.write(keys: keys) { w -> LuaReference in
                let t = w.newTable(fields: 4)
                w.set(keys["x"], integer: point.x, in: t)
                w.set(keys["label"], string: point.label, in: t)
                w.set(keys["share"], number: point.share, in: t)
                let list = w.newTable(sequence: 2)
                for (i, tag) in point.tags.enumerated() { w.push(tag); w.setTop(at: i + 1, in: list) }
                w.setTop(keys["tags"], in: t)
                return s.reference(at: t)
            }
            s.push(table)
            return 1
        }, read: { s, i in try s.value(at: i) })
        let slow = try state.call(identity, arguments: { s in try s.push(encoding: point); return 1 }, read: { s, i in try s.value(at: i) })
        #expect(fast == slow)
        #expect(try LuaDecoder().decode(Point.self, from: fast) == point)
        let read = try state.call(identity, arguments: { s in try s.push(encoding: point); return 1 }, read: { s, i in
            try s.read(keys: keys) { r in (r.integer(keys["x"], of: i), r.string(keys["label"], of: i), r.boolean(keys["x"], of: i)) }
        })
        #expect(read.0 == point.x && read.1 == point.label && read.2 == nil)
    }
}
