// Reads one JSON line of a register into the native model: Foundation's JSONSerialization parses
// it, and one hand-written mapping per record walks the tree. Benchmark-only code.
//
// Values are read the way the engine reads a business file (Sources/Eligibility/Facts/
// ScalarReading.swift): null is unknown, "does not apply" (or "n/a") is that answer for any fact,
// money is pounds ("£12,000.50", "12,000", 12000), yes/no may be JSON booleans or words, text is
// trimmed of spaces and tabs, a `one of` value matches in any case, a dated fact is a history
// ([{from, value}, ...]) or one value throughout. A JSON number becomes text as the engine's
// Foundation parser renders it before reading (a decimal is its whole part plus its fraction),
// so decimals compare exactly as in the engine.

import Foundation

struct NativeInputError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A pull parser over one JSON document.
/// A cursor over one JSON document parsed by Foundation's `JSONSerialization`: the mappings
/// below walk its tree in document terms (objects, members, arrays, values).
struct JSONCursor {
    private enum Frame {
        case object([(key: String, value: Any)], Int)
        case array([Any], Int)
    }
    private var frames: [Frame] = []
    /// The value the next read consumes (nil when the document is used up).
    private var current: Any?

    init(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        let data = Data(buffer: bytes)
        do { current = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw NativeInputError(message: "not JSON: \(error.localizedDescription)")
        }
    }

    func fail(_ what: String) -> NativeInputError { NativeInputError(message: what) }

    /// The kind of the next value, as the first byte of its JSON text (0 when none is left).
    func peek() -> UInt8 {
        switch current {
        case nil: return 0
        case is [String: Any]: return 0x7B
        case is [Any]: return 0x5B
        case is String: return 0x22
        case is NSNull: return 0x6E
        case let n as NSNumber where String(cString: n.objCType) == "c": return n.boolValue ? 0x74 : 0x66
        default: return 0x30
        }
    }

    /// Enters an object; false when it is empty.
    mutating func beginObject() throws -> Bool {
        guard let object = current as? [String: Any] else { throw fail("expected a group") }
        current = nil
        guard !object.isEmpty else { return false }
        frames.append(.object(object.map { (key: $0.key, value: $0.value) }, 0))
        return true
    }
    /// After a member: true when another follows.
    mutating func nextMember() throws -> Bool { advance() }
    /// The next member's name; its value is read next.
    mutating func key() throws -> String {
        guard case .object(let members, let i)? = frames.last else { throw fail("expected a member") }
        current = members[i].value
        return members[i].key
    }
    /// Enters an array; false when it is empty.
    mutating func beginArray() throws -> Bool {
        guard let array = current as? [Any] else { throw fail("expected a list") }
        current = nil
        guard !array.isEmpty else { return false }
        frames.append(.array(array, 0))
        current = array[0]
        return true
    }
    /// After an element: true when another follows.
    mutating func nextElement() throws -> Bool { advance() }

    private mutating func advance() -> Bool {
        guard let frame = frames.popLast() else { return false }
        current = nil
        switch frame {
        case .object(let members, let i):
            guard i + 1 < members.count else { return false }
            frames.append(.object(members, i + 1))
        case .array(let items, let i):
            guard i + 1 < items.count else { return false }
            frames.append(.array(items, i + 1))
            current = items[i + 1]
        }
        return true
    }

    mutating func string() throws -> String {
        guard let s = current as? String else { throw fail("expected text") }
        current = nil
        return s
    }

    /// A number's text.
    mutating func numberText() throws -> String {
        guard let n = current as? NSNumber else { throw fail("expected a value") }
        current = nil
        return n.stringValue
    }

    mutating func literal(_ word: StaticString) throws {
        guard peek() == word.utf8Start[0] else { throw fail("expected \(word)") }
        current = nil
    }

    /// Whether the next value is a list whose first item is a group (a dated fact's history).
    func isHistory() -> Bool { ((current as? [Any])?.first).map { $0 is [String: Any] } ?? false }

    // MARK: Facts

    /// One scalar token.
    enum Scalar {
        case string(String)
        case number(String)
        case bool(Bool)
    }

    static func isNotApplicable(_ s: String) -> Bool {
        let t = trimmed(s)
        guard t.utf8.count == 14 || t.utf8.count == 3 else { return false }
        let lower = t.lowercased()
        return lower == "does not apply" || lower == "n/a"
    }

    /// Spaces and tabs trimmed, as the engine trims a value.
    static func trimmed(_ s: String) -> String {
        let u = s.utf8
        guard let first = u.first, let last = u.last else { return s }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return s }
        guard let a = u.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
              let b = u.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        return String(s[a...b])
    }

    /// A scalar fact: null is unknown, "does not apply" that answer, anything else `convert`ed.
    mutating func fact<T>(_ convert: (Scalar) throws -> T) throws -> Fact<T> {
        switch peek() {
        case 0x6E: try literal("null"); return .unknown
        case 0x22:
            let s = try string()
            if JSONCursor.isNotApplicable(s) { return .doesNotApply }
            return .given(try convert(.string(s)))
        case 0x74: try literal("true"); return .given(try convert(.bool(true)))
        case 0x66: try literal("false"); return .given(try convert(.bool(false)))
        case 0x7B, 0x5B: throw fail("expected a single value")
        default: return .given(try convert(.number(try numberText())))
        }
    }

    /// A record or list fact: null is unknown, "does not apply" that answer, else `read`.
    mutating func group<T>(_ read: (inout JSONCursor) throws -> T) throws -> Fact<T> {
        switch peek() {
        case 0x6E: try literal("null"); return .unknown
        case 0x22:
            let s = try string()
            if JSONCursor.isNotApplicable(s) { return .doesNotApply }
            throw fail("expected a group or a list, got \"\(s)\"")
        default: return .given(try read(&self))
        }
    }

    /// A list of scalars.
    mutating func list<T>(_ convert: (Scalar) throws -> T) throws -> Fact<[T]> {
        try group { r in
            var items = [T]()
            var more = try r.beginArray()
            while more {
                guard case .given(let v) = try r.fact(convert) else { throw r.fail("a list item must be a value") }
                items.append(v)
                more = try r.nextElement()
            }
            return items
        }
    }

    /// A list of records.
    mutating func records<T>(_ read: (inout JSONCursor) throws -> T) throws -> Fact<[T]> {
        try group { r in
            var items = [T]()
            var more = try r.beginArray()
            while more {
                items.append(try read(&r))
                more = try r.nextElement()
            }
            return items
        }
    }

    /// A dated scalar fact: a history of {from, value} entries, or one value throughout.
    mutating func dated<T>(_ convert: (Scalar) throws -> T) throws -> Fact<Dated<T>> {
        guard peek() == 0x5B else {
            switch try fact(convert) {
            case .unknown: return .unknown
            case .doesNotApply: return .doesNotApply
            case .given(let v): return .given(Dated(v))
            }
        }
        return .given(try history { r in try r.fact(convert) })
    }

    /// A dated list fact (premises.rateReliefs): a history, or one list throughout.
    mutating func datedList<T>(_ convert: (Scalar) throws -> T) throws -> Fact<Dated<[T]>> {
        if isHistory() { return .given(try history { r in try r.list(convert) }) }
        switch try list(convert) {
        case .unknown: return .unknown
        case .doesNotApply: return .doesNotApply
        case .given(let v): return .given(Dated(v))
        }
    }

    private mutating func history<T>(_ value: (inout JSONCursor) throws -> Fact<T>) throws -> Dated<T> {
        var entries = [Dated<T>.Entry]()
        var more = try beginArray()
        while more {
            var from: NDay?, entry: Fact<T> = .unknown
            var members = try beginObject()
            while members {
                switch try key() {
                case "from": from = try fact(JSONCursor.day).value
                case "value": entry = try value(&self)
                default: throw fail("a history entry has from and value only")
                }
                members = try nextMember()
            }
            guard let from else { throw fail("a history entry needs from") }
            switch entry {
            case .unknown: throw fail("a history entry needs a value")
            case .doesNotApply: entries.append(.init(from: from, value: nil))
            case .given(let v): entries.append(.init(from: from, value: v))
            }
            more = try nextElement()
        }
        guard !entries.isEmpty else { throw fail("an empty history") }
        return Dated(entries: entries)
    }

    // MARK: Conversions (ScalarReading's rules)

    static func text(_ s: Scalar) throws -> String {
        switch s {
        case .string(let t): return trimmed(t)
        case .number(let n): return n
        case .bool: throw NativeInputError(message: "expected text")
        }
    }

    static func yesNo(_ s: Scalar) throws -> Bool {
        switch s {
        case .bool(let b): return b
        case .string(let t):
            switch trimmed(t).lowercased() {
            case "yes", "true", "y": return true
            case "no", "false", "n": return false
            default: break
            }
        case .number: break
        }
        throw NativeInputError(message: "expected yes or no")
    }

    /// The text the engine reads for a JSON number: an integer as written, a real as Swift
    /// renders the Double Foundation parsed.
    static func numberAsEngineReads(_ n: String) -> String {
        guard n.utf8.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 }) else { return n }
        guard let d = Double(n) else { return n }
        return "\(d)"
    }

    /// Digits, optionally grouped by commas in threes.
    private static func groupedDigits(_ t: Substring) -> Int? {
        guard !t.isEmpty else { return nil }
        if t.contains(",") {
            let groups = t.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        var v = 0
        for c in t.utf8 where c != 0x2C {
            guard c >= 0x30, c <= 0x39 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(c - 0x30))
            guard !o1, !o2 else { return nil }
            v = a
        }
        return v
    }

    static func wholeNumber(_ s: Scalar) throws -> Int {
        let t: String
        switch s {
        case .string(let x): t = trimmed(x)
        case .number(let n): t = numberAsEngineReads(n)
        case .bool: throw NativeInputError(message: "expected a whole number")
        }
        var body = Substring(t)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        if let dot = body.firstIndex(of: ".") {
            guard body[body.index(after: dot)...].allSatisfy({ $0 == "0" }) else { throw NativeInputError(message: "expected a whole number") }
            body = body[..<dot]
        }
        guard let v = groupedDigits(body) else { throw NativeInputError(message: "expected a whole number, got \(t)") }
        return negative ? -v : v
    }

    static func decimal(_ s: Scalar) throws -> Double {
        let t: String
        switch s {
        case .string(let x): t = trimmed(x)
        case .number(let n): t = numberAsEngineReads(n)
        case .bool: throw NativeInputError(message: "expected a number")
        }
        var body = Substring(t)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = groupedDigits(parts[0]) else { throw NativeInputError(message: "expected a number, got \(t)") }
        var fraction = 0.0
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw NativeInputError(message: "expected a number, got \(t)")
            }
            fraction = Double("0." + parts[1]) ?? 0
        }
        let value = Double(whole) + fraction
        return negative ? -value : value
    }

    /// Money in pounds, as pence.
    static func money(_ s: Scalar) throws -> Int {
        var t: Substring
        switch s {
        case .string(let x): t = Substring(trimmed(x))
        case .number(let n): t = Substring(numberAsEngineReads(n))
        case .bool: throw NativeInputError(message: "expected money")
        }
        if t.hasPrefix("+") { t = t.dropFirst() }
        if t.hasPrefix("£") { t = t.dropFirst() }
        let parts = t.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let pounds = groupedDigits(parts[0]) else { throw NativeInputError(message: "expected money, got \(t)") }
        var pence = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), let v = Int(f) else { throw NativeInputError(message: "expected money, got \(t)") }
            pence = f.count == 1 ? v * 10 : v
        }
        let total = pounds * 100 + pence
        guard total <= 100_000_000_000_000 else { throw NativeInputError(message: "money too large") }
        return total
    }

    static func day(_ s: Scalar) throws -> NDay {
        guard case .string(let x) = s, let d = NDay(text: trimmed(x)) else { throw NativeInputError(message: "expected a day") }
        return d
    }

    static func minute(_ s: Scalar) throws -> NMinute {
        guard case .string(let x) = s, let m = NMinute(text: trimmed(x)) else { throw NativeInputError(message: "expected a minute") }
        return m
    }

    static func choice<C: Choice>(_ s: Scalar) throws -> C {
        let t: String
        switch s {
        case .string(let x): t = trimmed(x)
        case .number(let n): t = n
        case .bool: throw NativeInputError(message: "expected one of \(C.allCases.map(\.rawValue))")
        }
        guard let v = C.matching(t) else { throw NativeInputError(message: "expected one of \(C.allCases.map(\.rawValue)), got \(t)") }
        return v
    }
}

// MARK: - The records

extension NativeBusiness {
    /// Decodes one JSON line (a business file's JSON).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> NativeBusiness {
        var r = try JSONCursor(bytes)
        return try read(&r)
    }

    static func decode(_ bytes: [UInt8]) throws -> NativeBusiness {
        try bytes.withUnsafeBufferPointer { try decode($0) }
    }

    static func read(_ r: inout JSONCursor) throws -> NativeBusiness {
        let b = NativeBusiness()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "id": b.id = try r.fact(JSONCursor.text)
            case "name": b.name = try r.fact(JSONCursor.text)
            case "legalForm": b.legalForm = try r.fact(JSONCursor.choice)
            case "companyStatus": b.companyStatus = try r.dated(JSONCursor.choice)
            case "sicCodes": b.sicCodes = try r.list(JSONCursor.text)
            case "sector": b.sector = try r.fact(JSONCursor.choice)
            case "businessToBusiness": b.businessToBusiness = try r.fact(JSONCursor.yesNo)
            case "inPersonServices": b.inPersonServices = try r.fact(JSONCursor.yesNo)
            case "employees": b.employees = try r.fact(JSONCursor.wholeNumber)
            case "turnover": b.turnover = try r.fact(JSONCursor.money)
            case "balanceSheetTotal": b.balanceSheetTotal = try r.fact(JSONCursor.money)
            case "tradingStartDate": b.tradingStartDate = try r.fact(JSONCursor.day)
            case "stoppedTrading": b.stoppedTrading = try r.fact(JSONCursor.day)
            case "financialYearStart": b.financialYearStart = try r.fact(JSONCursor.day)
            case "yearsOfAccounts": b.yearsOfAccounts = try r.fact(JSONCursor.wholeNumber)
            case "grantsReceived": b.grantsReceived = try r.list(JSONCursor.choice)
            case "taxiLicensingAuthority": b.taxiLicensingAuthority = try r.fact(JSONCursor.text)
            case "address": b.address = try r.group(Address.read)
            case "premises": b.premises = try r.group(Premises.read)
            case "fleet": b.fleet = try r.records(Vehicle.read)
            case "connectivity": b.connectivity = try r.group(Connectivity.read)
            case "workforce": b.workforce = try r.group(Workforce.read)
            case "covid": b.covid = try r.group(Covid.read)
            case "owner": b.owner = try r.group(Owner.read)
            case "subsidies": b.subsidies = try r.records(Subsidy.read)
            case "proposal": b.proposal = try r.group(Proposal.read)
            case let other: throw r.fail("the business has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return b
    }
}

extension Address {
    static func read(_ r: inout JSONCursor) throws -> Address {
        let a = Address()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "postcode": a.postcode = try r.fact(JSONCursor.text)
            case "localAuthority": a.localAuthority = try r.fact(JSONCursor.text)
            case "country": a.country = try r.fact(JSONCursor.choice)
            case "deprivationDecile": a.deprivationDecile = try r.fact(JSONCursor.wholeNumber)
            case "incomeDeprivationDecile": a.incomeDeprivationDecile = try r.fact(JSONCursor.wholeNumber)
            case "deprivationIndex": a.deprivationIndex = try r.fact(JSONCursor.choice)
            case "ruralUrban": a.ruralUrban = try r.fact(JSONCursor.choice)
            case "ruralUrbanClass": a.ruralUrbanClass = try r.fact(JSONCursor.choice)
            case let other: throw r.fail("address has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return a
    }
}

extension Premises {
    static func read(_ r: inout JSONCursor) throws -> Premises {
        let x = Premises()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "tenure": x.tenure = try r.fact(JSONCursor.choice)
            case "use": x.use = try r.fact(JSONCursor.choice)
            case "propertyReference": x.propertyReference = try r.fact(JSONCursor.text)
            case "paysBusinessRates": x.paysBusinessRates = try r.fact(JSONCursor.yesNo)
            case "rateableValue": x.rateableValue = try r.dated(JSONCursor.money)
            case "rateReliefs": x.rateReliefs = try r.datedList(JSONCursor.choice)
            case "fixedPropertyCosts": x.fixedPropertyCosts = try r.fact(JSONCursor.yesNo)
            case "annualRentOrMortgage": x.annualRentOrMortgage = try r.fact(JSONCursor.money)
            case "offStreetParking": x.offStreetParking = try r.fact(JSONCursor.yesNo)
            case "landlordPermission": x.landlordPermission = try r.fact(JSONCursor.yesNo)
            case "epcBand": x.epcBand = try r.fact(JSONCursor.choice)
            case let other: throw r.fail("premises has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return x
    }
}

extension Vehicle {
    static func read(_ r: inout JSONCursor) throws -> Vehicle {
        let v = Vehicle()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "kind": v.kind = try r.fact(JSONCursor.choice)
            case "fuel": v.fuel = try r.fact(JSONCursor.choice)
            case "euroStandard": v.euroStandard = try r.fact(JSONCursor.wholeNumber)
            case "co2GramsPerKm": v.co2GramsPerKm = try r.fact(JSONCursor.wholeNumber)
            case "zeroEmissionRangeMiles": v.zeroEmissionRangeMiles = try r.fact(JSONCursor.wholeNumber)
            case "grossWeightKg": v.grossWeightKg = try r.fact(JSONCursor.wholeNumber)
            case "firstRegistered": v.firstRegistered = try r.fact(JSONCursor.day)
            case let other: throw r.fail("fleet item has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return v
    }
}

extension Connectivity {
    static func read(_ r: inout JSONCursor) throws -> Connectivity {
        let c = Connectivity()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "downloadMbps": c.downloadMbps = try r.fact(JSONCursor.decimal)
            case "gigabitBuildPlanned": c.gigabitBuildPlanned = try r.fact(JSONCursor.yesNo)
            case let other: throw r.fail("connectivity has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return c
    }
}

extension Workforce {
    static func read(_ r: inout JSONCursor) throws -> Workforce {
        let w = Workforce()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "age16To24": w.age16To24 = try r.fact(JSONCursor.wholeNumber)
            case "age25To49": w.age25To49 = try r.fact(JSONCursor.wholeNumber)
            case "age50Plus": w.age50Plus = try r.fact(JSONCursor.wholeNumber)
            case "paysRealLivingWage": w.paysRealLivingWage = try r.fact(JSONCursor.yesNo)
            case let other: throw r.fail("workforce has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return w
    }
}

extension Covid {
    static func read(_ r: inout JSONCursor) throws -> Covid {
        let c = Covid()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "turnoverDropPercent": c.turnoverDropPercent = try r.fact(JSONCursor.decimal)
            case "closedByRestrictions": c.closedByRestrictions = try r.fact(JSONCursor.yesNo)
            case "requiredToClose": c.requiredToClose = try r.dated(JSONCursor.yesNo)
            case "impacted": c.impacted = try r.fact(JSONCursor.yesNo)
            case "hospitalityLeisureSupplyChain": c.hospitalityLeisureSupplyChain = try r.fact(JSONCursor.yesNo)
            case "servesRetailHospitalityLeisure": c.servesRetailHospitalityLeisure = try r.fact(JSONCursor.yesNo)
            case let other: throw r.fail("covid has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return c
    }
}

extension Owner {
    static func read(_ r: inout JSONCursor) throws -> Owner {
        let o = Owner()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "age": o.age = try r.fact(JSONCursor.wholeNumber)
            case "livesInRegion": o.livesInRegion = try r.fact(JSONCursor.yesNo)
            case "previouslyUnemployed": o.previouslyUnemployed = try r.fact(JSONCursor.yesNo)
            case "ukResident": o.ukResident = try r.fact(JSONCursor.yesNo)
            case "financeElsewhere": o.financeElsewhere = try r.fact(JSONCursor.yesNo)
            case let other: throw r.fail("owner has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return o
    }
}

extension Subsidy {
    static func read(_ r: inout JSONCursor) throws -> Subsidy {
        let s = Subsidy()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "amount": s.amount = try r.fact(JSONCursor.decimal)
            case "currency": s.currency = try r.fact(JSONCursor.choice)
            case "regime": s.regime = try r.fact(JSONCursor.choice)
            case "date": s.date = try r.fact(JSONCursor.day)
            case "scheme": s.scheme = try r.fact(JSONCursor.text)
            case let other: throw r.fail("subsidy has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        // Required whenever a subsidy is given (facts.yaml: required: yes).
        guard s.amount.has || s.amount.isNotApplicable, s.currency.has || s.currency.isNotApplicable,
              s.date.has || s.date.isNotApplicable, s.scheme.has || s.scheme.isNotApplicable else {
            throw r.fail("a subsidy needs amount, currency, date and scheme")
        }
        return s
    }
}

extension Fact {
    var isNotApplicable: Bool { if case .doesNotApply = self { return true }; return false }
}

extension Proposal {
    static func read(_ r: inout JSONCursor) throws -> Proposal {
        let p = Proposal()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "vehicle": p.vehicle = try r.group(VehiclePurchase.read)
            case "retrofit": p.retrofit = try r.group(Retrofit.read)
            case "heating": p.heating = try r.group(Heating.read)
            case "connectivity": p.connectivity = try r.group(ConnectivityUpgrade.read)
            case "chargePoints": p.chargePoints = try r.group(ChargePoints.read)
            case "hire": p.hire = try r.group(Hire.read)
            case "capitalProject": p.capitalProject = try r.group(CapitalProject.read)
            case "recovery": p.recovery = try r.group(Recovery.read)
            case "loan": p.loan = try r.group(Loan.read)
            case let other: throw r.fail("proposal has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return p
    }
}

extension VehiclePurchase {
    static func read(_ r: inout JSONCursor) throws -> VehiclePurchase {
        let v = VehiclePurchase()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "kind": v.kind = try r.fact(JSONCursor.choice)
            case "fuel": v.fuel = try r.fact(JSONCursor.choice)
            case "new": v.new = try r.fact(JSONCursor.yesNo)
            case "priceExVat": v.priceExVat = try r.fact(JSONCursor.money)
            case "co2GramsPerKm": v.co2GramsPerKm = try r.fact(JSONCursor.wholeNumber)
            case "zeroEmissionRangeMiles": v.zeroEmissionRangeMiles = try r.fact(JSONCursor.wholeNumber)
            case "grossWeightKg": v.grossWeightKg = try r.fact(JSONCursor.wholeNumber)
            case "orderedAt": v.orderedAt = try r.fact(JSONCursor.minute)
            case "replacesVehicle": v.replacesVehicle = try r.fact(JSONCursor.yesNo)
            case let other: throw r.fail("proposal.vehicle has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return v
    }
}

extension Retrofit {
    static func read(_ r: inout JSONCursor) throws -> Retrofit {
        let x = Retrofit()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "measures": x.measures = try r.list(JSONCursor.text)
            case "costExVat": x.costExVat = try r.fact(JSONCursor.money)
            case "primaryMeasuresCost": x.primaryMeasuresCost = try r.fact(JSONCursor.money)
            case "secondaryMeasuresCost": x.secondaryMeasuresCost = try r.fact(JSONCursor.money)
            case "expectedEpcBand": x.expectedEpcBand = try r.fact(JSONCursor.choice)
            case "building": x.building = try r.fact(JSONCursor.choice)
            case "applicant": x.applicant = try r.fact(JSONCursor.choice)
            case "occupier": x.occupier = try r.fact(JSONCursor.choice)
            case "epcBand": x.epcBand = try r.fact(JSONCursor.choice)
            case "heatingFuel": x.heatingFuel = try r.fact(JSONCursor.choice)
            case "insulationRecommendationsOutstanding": x.insulationRecommendationsOutstanding = try r.fact(JSONCursor.yesNo)
            case "householdIncome": x.householdIncome = try r.fact(JSONCursor.money)
            case "incomeAfterHousingCosts": x.incomeAfterHousingCosts = try r.fact(JSONCursor.money)
            case "meansTestedBenefits": x.meansTestedBenefits = try r.fact(JSONCursor.yesNo)
            case "incomeDeprivationDecile": x.incomeDeprivationDecile = try r.fact(JSONCursor.wholeNumber)
            case "deprivationIndex": x.deprivationIndex = try r.fact(JSONCursor.choice)
            case let other: throw r.fail("proposal.retrofit has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return x
    }
}

extension Heating {
    static func read(_ r: inout JSONCursor) throws -> Heating {
        let h = Heating()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "system": h.system = try r.fact(JSONCursor.choice)
            case "capacityKwth": h.capacityKwth = try r.fact(JSONCursor.decimal)
            case "installed": h.installed = try r.fact(JSONCursor.day)
            case let other: throw r.fail("proposal.heating has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return h
    }
}

extension ConnectivityUpgrade {
    static func read(_ r: inout JSONCursor) throws -> ConnectivityUpgrade {
        let c = ConnectivityUpgrade()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "costExVat": c.costExVat = try r.fact(JSONCursor.money)
            case "newDownloadMbps": c.newDownloadMbps = try r.fact(JSONCursor.decimal)
            case "groupProject": c.groupProject = try r.fact(JSONCursor.yesNo)
            case "registered": c.registered = try r.fact(JSONCursor.day)
            case let other: throw r.fail("proposal.connectivity has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return c
    }
}

extension ChargePoints {
    static func read(_ r: inout JSONCursor) throws -> ChargePoints {
        let c = ChargePoints()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "sockets": c.sockets = try r.fact(JSONCursor.wholeNumber)
            case "costExVat": c.costExVat = try r.fact(JSONCursor.money)
            case "costIncVat": c.costIncVat = try r.fact(JSONCursor.money)
            case let other: throw r.fail("proposal.chargePoints has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return c
    }
}

extension Hire {
    static func read(_ r: inout JSONCursor) throws -> Hire {
        let h = Hire()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "age": h.age = try r.fact(JSONCursor.wholeNumber)
            case "hoursPerWeek": h.hoursPerWeek = try r.fact(JSONCursor.wholeNumber)
            case "startDate": h.startDate = try r.fact(JSONCursor.day)
            case "hourlyWage": h.hourlyWage = try r.fact(JSONCursor.money)
            case "contractWeeks": h.contractWeeks = try r.fact(JSONCursor.wholeNumber)
            case "newJob": h.newJob = try r.fact(JSONCursor.yesNo)
            case "universalCredit": h.universalCredit = try r.fact(JSONCursor.yesNo)
            case "apprentice": h.apprentice = try r.fact(JSONCursor.yesNo)
            case "employedInLastSixMonths": h.employedInLastSixMonths = try r.fact(JSONCursor.yesNo)
            case let other: throw r.fail("proposal.hire has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return h
    }
}

extension CapitalProject {
    static func read(_ r: inout JSONCursor) throws -> CapitalProject {
        let c = CapitalProject()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "cost": c.cost = try r.fact(JSONCursor.money)
            case "grantRequested": c.grantRequested = try r.fact(JSONCursor.money)
            case let other: throw r.fail("proposal.capitalProject has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return c
    }
}

extension Recovery {
    static func read(_ r: inout JSONCursor) throws -> Recovery {
        let x = Recovery()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "grantRequested": x.grantRequested = try r.fact(JSONCursor.money)
            case "businessAsUsual": x.businessAsUsual = try r.fact(JSONCursor.yesNo)
            case "alreadyStarted": x.alreadyStarted = try r.fact(JSONCursor.yesNo)
            case let other: throw r.fail("proposal.recovery has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return x
    }
}

extension Loan {
    static func read(_ r: inout JSONCursor) throws -> Loan {
        let l = Loan()
        var more = try r.beginObject()
        while more {
            switch try r.key() {
            case "amount": l.amount = try r.fact(JSONCursor.money)
            case "secondLoan": l.secondLoan = try r.fact(JSONCursor.yesNo)
            case let other: throw r.fail("proposal.loan has no fact '\(other)'")
            }
            more = try r.nextMember()
        }
        return l
    }
}
