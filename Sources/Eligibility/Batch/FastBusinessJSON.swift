import Foundation

/// A fast reader for the common case of one JSON Lines row: a single-line JSON object whose
/// keys and values are all plainly valid. It parses bytes straight into a `Business`, checking
/// every key and value against the model exactly as `BusinessFile.decode` does.
///
/// It is only an accelerator: whenever anything is unusual (an error of any kind, an escape
/// sequence, a repeated key, a number that is not a plain integer where one is expected...) it
/// gives up and returns nil, and the caller runs `BusinessFile.decode` on the same bytes, which
/// decides and words the error. So for every input either both give the same `Business`, or the
/// slow path alone decides. A test checks the two agree on generated rows.
enum FastBusinessJSON {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Business? {
        var p = Parser(bytes: bytes)
        p.skipSpace()
        guard let business = p.business() else { return nil }
        p.skipSpace()
        return p.i == bytes.count ? business : nil
    }

    static func parse(_ bytes: [UInt8]) -> Business? {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count {
                let b = bytes[i]
                guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
                i += 1
            }
        }

        mutating func eat(_ byte: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func peek() -> UInt8? {
            skipSpace()
            return i < bytes.count ? bytes[i] : nil
        }

        /// A JSON string without escapes or control characters, as its raw UTF-8 bytes.
        mutating func rawString() -> UnsafeBufferPointer<UInt8>? {
            guard eat(0x22) else { return nil }
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x22 {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    i += 1
                    return slice
                }
                if b == 0x5C || b < 0x20 { return nil }
                i += 1
            }
            return nil
        }

        mutating func string() -> String? {
            guard let raw = rawString() else { return nil }
            return String(validating: raw, as: UTF8.self)
        }

        /// `null` (consumed) or not.
        mutating func null() -> Bool {
            skipSpace()
            guard i + 4 <= bytes.count, bytes[i] == 0x6E, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x6C else { return false }
            i += 4
            return true
        }

        mutating func bool() -> Bool? {
            skipSpace()
            if i + 4 <= bytes.count, bytes[i] == 0x74, bytes[i + 1] == 0x72, bytes[i + 2] == 0x75, bytes[i + 3] == 0x65 {
                i += 4
                return true
            }
            if i + 5 <= bytes.count, bytes[i] == 0x66, bytes[i + 1] == 0x61, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x73, bytes[i + 4] == 0x65 {
                i += 5
                return false
            }
            return nil
        }

        /// A plain JSON integer (no fraction or exponent, no leading zeros) that fits in 15 digits.
        mutating func integer() -> Int? {
            skipSpace()
            var j = i
            var negative = false
            if j < bytes.count, bytes[j] == 0x2D { negative = true; j += 1 }
            let digitsStart = j
            var value = 0
            while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 {
                value = value * 10 + Int(bytes[j] - 0x30)
                j += 1
            }
            let count = j - digitsStart
            guard count > 0, count <= 15, !(count > 1 && bytes[digitsStart] == 0x30) else { return nil }
            if j < bytes.count, bytes[j] == 0x2E || bytes[j] == 0x65 || bytes[j] == 0x45 { return nil }
            i = j
            return negative ? -value : value
        }

        /// A JSON number as a double (JSON grammar; at most 15 significant digits before the
        /// point, so it means the same whether read as an integer or a real).
        mutating func number() -> Double? {
            skipSpace()
            let start = i
            var j = i
            if j < bytes.count, bytes[j] == 0x2D { j += 1 }
            let intStart = j
            while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 { j += 1 }
            let intCount = j - intStart
            guard intCount > 0, intCount <= 15, !(intCount > 1 && bytes[intStart] == 0x30) else { return nil }
            if j < bytes.count, bytes[j] == 0x2E {
                j += 1
                let fracStart = j
                while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 { j += 1 }
                guard j > fracStart, j - fracStart <= 15 else { return nil }
            }
            if j < bytes.count, bytes[j] == 0x65 || bytes[j] == 0x45 { return nil }
            guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self),
                  let value = Double(text), value.isFinite else { return nil }
            i = j
            return value
        }

        /// Money: a non-negative plain integer of pence, or a string in pounds.
        mutating func money() -> Money? {
            if peek() == 0x22 {
                guard let text = string(), let money = try? Money(parsing: text) else { return nil }
                return money
            }
            guard let pence = integer(), pence >= 0 else { return nil }
            return Money(pence: pence)
        }

        mutating func day() -> Day? {
            guard let text = string() else { return nil }
            return try? Day(parsing: text)
        }

        mutating func enumeration<E: RawRepresentable>(_ type: E.Type) -> E? where E.RawValue == String {
            guard let text = string() else { return nil }
            return E(rawValue: text)
        }

        /// Walks an object's members: `member` is called with each key's raw bytes and must
        /// read the value (returning false to give up). Nulls are skipped (null = absent), and a
        /// repeated key gives up (the slow path decides what it means).
        mutating func object(_ member: (inout Parser, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
            guard eat(0x7B) else { return false }
            if eat(0x7D) { return true }
            var seen = [UnsafeBufferPointer<UInt8>]()
            while true {
                guard let key = rawString(), eat(0x3A) else { return false }
                for other in seen where other.elementsEqual(key) { return false }
                seen.append(key)
                if !null() {
                    guard member(&self, key) else { return false }
                }
                if eat(0x2C) { continue }
                return eat(0x7D)
            }
        }

        /// A list; nulls inside give up (an error on the slow path).
        mutating func list<T>(_ item: (inout Parser) -> T?) -> [T]? {
            guard eat(0x5B) else { return nil }
            var out = [T]()
            if eat(0x5D) { return out }
            while true {
                guard let value = item(&self) else { return nil }
                out.append(value)
                if eat(0x2C) { continue }
                return eat(0x5D) ? out : nil
            }
        }

        // MARK: - The model

        mutating func business() -> Business? {
            var b = Business()
            let ok = object { p, key in
                switch Key(key) {
                case "id": guard let v = p.string() else { return false }; b.id = v
                case "name": guard let v = p.string() else { return false }; b.name = v
                case "legalForm": guard let v = p.enumeration(LegalForm.self) else { return false }; b.legalForm = v
                case "sicCodes": guard let v = p.list({ $0.string() }) else { return false }; b.sicCodes = v
                case "employees": guard let v = p.integer() else { return false }; b.employees = v
                case "turnover": guard let v = p.money() else { return false }; b.turnover = v
                case "balanceSheetTotal": guard let v = p.money() else { return false }; b.balanceSheetTotal = v
                case "tradingStartDate": guard let v = p.day() else { return false }; b.tradingStartDate = v
                case "financialYearStart": guard let v = p.day() else { return false }; b.financialYearStart = v
                case "address": guard let v = p.address() else { return false }; b.address = v
                case "premises": guard let v = p.premises() else { return false }; b.premises = v
                case "fleet": guard let v = p.list({ $0.vehicle() }) else { return false }; b.fleet = v
                case "connectivity": guard let v = p.connectivity() else { return false }; b.connectivity = v
                case "workforce": guard let v = p.workforce() else { return false }; b.workforce = v
                case "covid": guard let v = p.covid() else { return false }; b.covid = v
                case "owner": guard let v = p.owner() else { return false }; b.owner = v
                case "subsidies": guard let v = p.list({ $0.subsidy() }) else { return false }; b.subsidies = v
                case "proposal": guard let v = p.proposal() else { return false }; b.proposal = v
                default: return false
                }
                return true
            }
            return ok ? b : nil
        }

        mutating func address() -> Address? {
            var a = Address()
            let ok = object { p, key in
                switch Key(key) {
                case "postcode": guard let v = p.string() else { return false }; a.postcode = v
                case "localAuthority": guard let v = p.string() else { return false }; a.localAuthority = v
                case "deprivationDecile": guard let v = p.integer() else { return false }; a.deprivationDecile = v
                case "deprivationIndex": guard let v = p.string() else { return false }; a.deprivationIndex = v
                case "ruralUrban": guard let v = p.enumeration(RuralUrban.self) else { return false }; a.ruralUrban = v
                default: return false
                }
                return true
            }
            return ok ? a : nil
        }

        mutating func premises() -> Premises? {
            var x = Premises()
            let ok = object { p, key in
                switch Key(key) {
                case "tenure": guard let v = p.enumeration(Tenure.self) else { return false }; x.tenure = v
                case "epcBand": guard let v = p.enumeration(EPCBand.self) else { return false }; x.epcBand = v
                case "rateableValue": guard let v = p.money() else { return false }; x.rateableValue = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }

        mutating func vehicle() -> Vehicle? {
            var x = Vehicle()
            let ok = object { p, key in
                switch Key(key) {
                case "kind": guard let v = p.enumeration(VehicleKind.self) else { return false }; x.kind = v
                case "fuel": guard let v = p.enumeration(Fuel.self) else { return false }; x.fuel = v
                case "euroStandard": guard let v = p.integer() else { return false }; x.euroStandard = v
                case "co2GramsPerKm": guard let v = p.integer() else { return false }; x.co2GramsPerKm = v
                case "zeroEmissionRangeMiles": guard let v = p.integer() else { return false }; x.zeroEmissionRangeMiles = v
                case "grossWeightKg": guard let v = p.integer() else { return false }; x.grossWeightKg = v
                case "firstRegistered": guard let v = p.day() else { return false }; x.firstRegistered = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }

        mutating func connectivity() -> Connectivity? {
            var x = Connectivity()
            let ok = object { p, key in
                guard Key(key) == "downloadMbps", let v = p.number() else { return false }
                x.downloadMbps = v
                return true
            }
            return ok ? x : nil
        }

        mutating func workforce() -> Workforce? {
            var x = Workforce()
            let ok = object { p, key in
                switch Key(key) {
                case "age16To24": guard let v = p.integer() else { return false }; x.age16To24 = v
                case "age25To49": guard let v = p.integer() else { return false }; x.age25To49 = v
                case "age50Plus": guard let v = p.integer() else { return false }; x.age50Plus = v
                case "paysRealLivingWage": guard let v = p.bool() else { return false }; x.paysRealLivingWage = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }

        mutating func covid() -> CovidImpact? {
            var x = CovidImpact()
            let ok = object { p, key in
                switch Key(key) {
                case "turnoverDropPercent": guard let v = p.number() else { return false }; x.turnoverDropPercent = v
                case "closedByRestrictions": guard let v = p.bool() else { return false }; x.closedByRestrictions = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }

        mutating func owner() -> Owner? {
            var x = Owner()
            let ok = object { p, key in
                switch Key(key) {
                case "age": guard let v = p.integer() else { return false }; x.age = v
                case "livesInRegion": guard let v = p.bool() else { return false }; x.livesInRegion = v
                case "previouslyUnemployed": guard let v = p.bool() else { return false }; x.previouslyUnemployed = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }

        mutating func subsidy() -> Subsidy? {
            var amount: Money?, date: Day?, scheme: String?
            let ok = object { p, key in
                switch Key(key) {
                case "amount": guard let v = p.money() else { return false }; amount = v
                case "date": guard let v = p.day() else { return false }; date = v
                case "scheme": guard let v = p.string() else { return false }; scheme = v
                default: return false
                }
                return true
            }
            guard ok, let amount, let date, let scheme else { return nil }
            return Subsidy(amount: amount, date: date, scheme: scheme)
        }

        mutating func proposal() -> Proposal? {
            var x = Proposal()
            let ok = object { p, key in
                switch Key(key) {
                case "vehicle": guard let v = p.vehiclePurchase() else { return false }; x.vehicle = v
                case "retrofit": guard let v = p.retrofit() else { return false }; x.retrofit = v
                case "connectivity": guard let v = p.connectivityUpgrade() else { return false }; x.connectivity = v
                case "chargePoints": guard let v = p.chargePoints() else { return false }; x.chargePoints = v
                case "hire": guard let v = p.hire() else { return false }; x.hire = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }

        mutating func vehiclePurchase() -> VehiclePurchase? {
            var x = VehiclePurchase()
            let ok = object { p, key in
                switch Key(key) {
                case "kind": guard let v = p.enumeration(VehicleKind.self) else { return false }; x.kind = v
                case "fuel": guard let v = p.enumeration(Fuel.self) else { return false }; x.fuel = v
                case "priceExVat": guard let v = p.money() else { return false }; x.priceExVat = v
                case "co2GramsPerKm": guard let v = p.integer() else { return false }; x.co2GramsPerKm = v
                case "zeroEmissionRangeMiles": guard let v = p.integer() else { return false }; x.zeroEmissionRangeMiles = v
                case "grossWeightKg": guard let v = p.integer() else { return false }; x.grossWeightKg = v
                case "replacesVehicle": guard let v = p.bool() else { return false }; x.replacesVehicle = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }

        mutating func retrofit() -> Retrofit? {
            var x = Retrofit()
            let ok = object { p, key in
                switch Key(key) {
                case "measures": guard let v = p.list({ $0.string() }) else { return false }; x.measures = v
                case "costExVat": guard let v = p.money() else { return false }; x.costExVat = v
                case "expectedEpcBand": guard let v = p.enumeration(EPCBand.self) else { return false }; x.expectedEpcBand = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }

        mutating func connectivityUpgrade() -> ConnectivityUpgrade? {
            var x = ConnectivityUpgrade()
            let ok = object { p, key in
                switch Key(key) {
                case "costExVat": guard let v = p.money() else { return false }; x.costExVat = v
                case "newDownloadMbps": guard let v = p.number() else { return false }; x.newDownloadMbps = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }

        mutating func chargePoints() -> ChargePoints? {
            var x = ChargePoints()
            let ok = object { p, key in
                switch Key(key) {
                case "sockets": guard let v = p.integer() else { return false }; x.sockets = v
                case "costExVat": guard let v = p.money() else { return false }; x.costExVat = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }

        mutating func hire() -> Hire? {
            var x = Hire()
            let ok = object { p, key in
                switch Key(key) {
                case "age": guard let v = p.integer() else { return false }; x.age = v
                case "hoursPerWeek": guard let v = p.integer() else { return false }; x.hoursPerWeek = v
                case "startDate": guard let v = p.day() else { return false }; x.startDate = v
                case "hourlyWage": guard let v = p.money() else { return false }; x.hourlyWage = v
                case "contractWeeks": guard let v = p.integer() else { return false }; x.contractWeeks = v
                default: return false
                }
                return true
            }
            return ok ? x : nil
        }
    }

    /// A key's raw bytes, matched against string literals without making a `String`.
    private struct Key: Equatable, ExpressibleByStringLiteral {
        let bytes: UnsafeBufferPointer<UInt8>?
        let literal: StaticString?
        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes; literal = nil }
        init(stringLiteral value: StaticString) { bytes = nil; literal = value }
        static func == (a: Key, b: Key) -> Bool {
            guard let bytes = a.bytes ?? b.bytes, let literal = a.literal ?? b.literal else { return false }
            guard bytes.count == literal.utf8CodeUnitCount else { return false }
            let start = literal.utf8Start
            for i in 0..<bytes.count where bytes[i] != start[i] { return false }
            return true
        }
    }
}

extension BusinessFile {
    /// Decodes one line of a JSON Lines register: the fast byte parser when the line is plainly
    /// valid, else the full checker (`decode(_:fileName:firstLine:)` rules and messages).
    public static func decodeJSONLine(_ bytes: UnsafeBufferPointer<UInt8>, fileName: String, line: Int) throws -> Business {
        if let fast = FastBusinessJSON.parse(bytes) { return fast }
        let text = try BusinessFile.text(of: Data(buffer: bytes), fileName: fileName, firstLine: line)
        let raw = try BusinessFile.parseJSON(text, fileName: fileName, firstLine: line)
        do {
            return try BusinessFile.decode(raw: raw, fileName: fileName, pathPrefix: "")
        } catch {
            var error = error
            if error.line == nil { error.line = line }
            throw error
        }
    }
}
