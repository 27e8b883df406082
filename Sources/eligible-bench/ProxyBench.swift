import Eligibility
import Foundation
import LuaBridge

/// Measures the two ways of handing a business to Lua on the read pattern of the shipped rules
/// (the facts `explain` records them reading, per business):
/// - table: build the whole fact tree as Lua tables up front (the fast push), then read;
/// - proxy: hand Lua an empty proxy whose `__index` calls into Swift for each fact on first
///   read (cached after), so only the facts the rules read cross the bridge.
enum ProxyBench {
    struct Result { var tableNs: Double; var proxyNs: Double; var readsPerBusiness: Double }

    /// A path step: a key or a 1-based list index.
    enum Step { case key(String), index(Int) }

    static func steps(_ path: String) -> [Step] {
        var out = [Step]()
        for part in path.split(separator: ".") {
            if let open = part.firstIndex(of: "["), let i = Int(part[part.index(after: open)..<part.index(before: part.endIndex)]) {
                out.append(.key(String(part[..<open])))
                out.append(.index(i + 1))
            } else {
                out.append(.key(String(part)))
            }
        }
        return out
    }

    static func luaPaths(_ paths: [String]) -> LuaValue {
        var outer = [LuaValue: LuaValue]()
        for (i, path) in paths.enumerated() {
            var inner = [LuaValue: LuaValue]()
            for (j, step) in steps(path).enumerated() {
                switch step {
                case .key(let k): inner[.integer(Int64(j + 1))] = .string(k)
                case .index(let n): inner[.integer(Int64(j + 1))] = .integer(Int64(n))
                }
            }
            outer[.integer(Int64(i + 1))] = .table(inner)
        }
        return .table(outer)
    }

    /// One fact as the proxy hands it over.
    enum Fact { case none, int(Int), double(Double), string(String), bool(Bool), node(Node) }
    /// A node of the fact tree the proxy can read from.
    enum Node {
        case business(Business), address(Address), premises(Premises), vehicle(Vehicle), connectivity(Connectivity)
        case workforce(Workforce), covid(CovidImpact), owner(Owner), subsidy(Subsidy), proposal(Proposal)
        case vehiclePurchase(VehiclePurchase), retrofit(Retrofit), upgrade(ConnectivityUpgrade), chargePoints(ChargePoints), hire(Hire)
        case vehicles([Vehicle]), subsidies([Subsidy]), strings([String])

        func fact(_ key: String) -> Fact {
            func s(_ v: String?) -> Fact { v.map { .string($0) } ?? .none }
            func i(_ v: Int?) -> Fact { v.map { .int($0) } ?? .none }
            func d(_ v: Double?) -> Fact { v.map { .double($0) } ?? .none }
            func b(_ v: Bool?) -> Fact { v.map { .bool($0) } ?? .none }
            func n(_ v: Node?) -> Fact { v.map { .node($0) } ?? .none }
            switch self {
            case .business(let x):
                switch key {
                case "id": return s(x.id)
                case "name": return s(x.name)
                case "legalForm": return s(x.legalForm?.rawValue)
                case "sicCodes": return n(x.sicCodes.map { .strings($0) })
                case "employees": return i(x.employees)
                case "turnover": return i(x.turnover?.pence)
                case "balanceSheetTotal": return i(x.balanceSheetTotal?.pence)
                case "tradingStartDate": return s(x.tradingStartDate?.description)
                case "financialYearStart": return s(x.financialYearStart?.description)
                case "address": return n(x.address.map { .address($0) })
                case "premises": return n(x.premises.map { .premises($0) })
                case "fleet": return n(x.fleet.map { .vehicles($0) })
                case "connectivity": return n(x.connectivity.map { .connectivity($0) })
                case "workforce": return n(x.workforce.map { .workforce($0) })
                case "covid": return n(x.covid.map { .covid($0) })
                case "owner": return n(x.owner.map { .owner($0) })
                case "subsidies": return n(x.subsidies.map { .subsidies($0) })
                case "proposal": return n(x.proposal.map { .proposal($0) })
                default: return .none
                }
            case .address(let x):
                switch key {
                case "postcode": return s(x.postcode)
                case "localAuthority": return s(x.localAuthority)
                case "deprivationDecile": return i(x.deprivationDecile)
                case "deprivationIndex": return s(x.deprivationIndex)
                case "ruralUrban": return s(x.ruralUrban?.rawValue)
                default: return .none
                }
            case .premises(let x):
                switch key {
                case "tenure": return s(x.tenure?.rawValue)
                case "epcBand": return s(x.epcBand?.rawValue)
                case "rateableValue": return i(x.rateableValue?.pence)
                default: return .none
                }
            case .vehicle(let x):
                switch key {
                case "kind": return s(x.kind?.rawValue)
                case "fuel": return s(x.fuel?.rawValue)
                case "euroStandard": return i(x.euroStandard)
                case "co2GramsPerKm": return i(x.co2GramsPerKm)
                case "zeroEmissionRangeMiles": return i(x.zeroEmissionRangeMiles)
                case "grossWeightKg": return i(x.grossWeightKg)
                case "firstRegistered": return s(x.firstRegistered?.description)
                default: return .none
                }
            case .connectivity(let x): return key == "downloadMbps" ? d(x.downloadMbps) : .none
            case .workforce(let x):
                switch key {
                case "age16To24": return i(x.age16To24)
                case "age25To49": return i(x.age25To49)
                case "age50Plus": return i(x.age50Plus)
                case "paysRealLivingWage": return b(x.paysRealLivingWage)
                default: return .none
                }
            case .covid(let x):
                return key == "turnoverDropPercent" ? d(x.turnoverDropPercent) : key == "closedByRestrictions" ? b(x.closedByRestrictions) : .none
            case .owner(let x):
                return key == "age" ? i(x.age) : key == "livesInRegion" ? b(x.livesInRegion) : key == "previouslyUnemployed" ? b(x.previouslyUnemployed) : .none
            case .subsidy(let x):
                return key == "amount" ? .int(x.amount.pence) : key == "date" ? .string(x.date.description) : key == "scheme" ? .string(x.scheme) : .none
            case .proposal(let x):
                switch key {
                case "vehicle": return n(x.vehicle.map { .vehiclePurchase($0) })
                case "retrofit": return n(x.retrofit.map { .retrofit($0) })
                case "connectivity": return n(x.connectivity.map { .upgrade($0) })
                case "chargePoints": return n(x.chargePoints.map { .chargePoints($0) })
                case "hire": return n(x.hire.map { .hire($0) })
                default: return .none
                }
            case .vehiclePurchase(let x):
                switch key {
                case "kind": return s(x.kind?.rawValue)
                case "fuel": return s(x.fuel?.rawValue)
                case "priceExVat": return i(x.priceExVat?.pence)
                case "co2GramsPerKm": return i(x.co2GramsPerKm)
                case "zeroEmissionRangeMiles": return i(x.zeroEmissionRangeMiles)
                case "grossWeightKg": return i(x.grossWeightKg)
                case "replacesVehicle": return b(x.replacesVehicle)
                default: return .none
                }
            case .retrofit(let x):
                return key == "costExVat" ? i(x.costExVat?.pence) : key == "expectedEpcBand" ? s(x.expectedEpcBand?.rawValue) : key == "measures" ? n(x.measures.map { .strings($0) }) : .none
            case .upgrade(let x): return key == "costExVat" ? i(x.costExVat?.pence) : key == "newDownloadMbps" ? d(x.newDownloadMbps) : .none
            case .chargePoints(let x): return key == "sockets" ? i(x.sockets) : key == "costExVat" ? i(x.costExVat?.pence) : .none
            case .hire(let x):
                switch key {
                case "age": return i(x.age)
                case "hoursPerWeek": return i(x.hoursPerWeek)
                case "startDate": return s(x.startDate?.description)
                case "hourlyWage": return i(x.hourlyWage?.pence)
                case "contractWeeks": return i(x.contractWeeks)
                default: return .none
                }
            case .vehicles, .subsidies, .strings: return .none
            }
        }

        func element(_ index: Int) -> Fact {
            switch self {
            case .vehicles(let v): return index >= 1 && index <= v.count ? .node(.vehicle(v[index - 1])) : .none
            case .subsidies(let v): return index >= 1 && index <= v.count ? .node(.subsidy(v[index - 1])) : .none
            case .strings(let v): return index >= 1 && index <= v.count ? .string(v[index - 1]) : .none
            default: return .none
            }
        }
    }

    static func run(businesses: [Business], rules: RuleBook, asOf: AsOf) -> Result {
        do {
            // The read pattern: what the shipped rules read for each business.
            let explainer = try Evaluator(rules: rules)
            var patterns = [[String]]()
            for b in businesses {
                var paths = [String]()
                for d in try explainer.evaluate(b, asOf: asOf, explain: true) {
                    for c in d.criteria ?? [] { paths += c.reads.map(\.path) }
                    paths += (d.awardReads ?? []).map(\.path)
                }
                patterns.append(paths)
            }
            let reads = Double(patterns.reduce(0) { $0 + $1.count }) / Double(max(1, patterns.count))

            let state = try LuaState()
            var nodes = [Node]()
            state.pushFunction { state in
                guard case .integer(let handle) = try state.value(at: 1) else { return 0 }
                let node = nodes[Int(handle)]
                let fact: Fact
                switch try state.value(at: 2) {
                case .string(let key): fact = node.fact(key)
                case .integer(let i): fact = node.element(Int(i))
                default: fact = .none
                }
                switch fact {
                case .none: state.pushNil(); return 1
                case .int(let v): state.push(v); return 1
                case .double(let v): state.push(v); return 1
                case .string(let v): state.push(v); return 1
                case .bool(let v): state.push(v); return 1
                case .node(let child):
                    nodes.append(child)
                    state.pushNil()
                    state.push(nodes.count - 1)
                    return 2
                }
            }
            let fetch = state.popReference()
            let chunk = try state.load("""
                local fetch = ...
                local setmetatable, rawset = setmetatable, rawset
                local function proxy(handle)
                  return setmetatable({}, { __index = function(t, k)
                    local v, child = fetch(handle, k)
                    if child then v = proxy(child) end
                    if v ~= nil then rawset(t, k, v) end
                    return v
                  end })
                end
                local function read(b, paths)
                  local n = 0
                  for i = 1, #paths do
                    local node = b
                    local path = paths[i]
                    for j = 1, #path do
                      if node == nil then break end
                      node = node[path[j]]
                    end
                    if node ~= nil then n = n + 1 end
                  end
                  return n
                end
                return read, function(handle, paths) return read(proxy(handle), paths) end
                """, chunkName: "=proxybench")
            let (readFunction, proxyRead) = try state.call(chunk, results: 2, budgeted: false, arguments: { state in
                state.push(fetch); return 1
            }, read: { state, first -> (LuaReference, LuaReference) in
                state.setTop(first + 1)
                let proxyRead = state.popReference()
                let read = state.popReference()
                return (read, proxyRead)
            })
            var pathRefs = [LuaReference]()
            for p in patterns {
                try state.push(luaPaths(p))
                pathRefs.append(state.popReference())
            }

            var tableNs: UInt64 = 0, proxyNs: UInt64 = 0
            for round in 0..<3 {
                let t0 = now()
                for (b, paths) in zip(businesses, pathRefs) {
                    try state.call(readFunction, results: 1, budgeted: false, arguments: { state in
                        try state.push(b, keys: Business.luaKeys)
                        state.push(paths)
                        return 2
                    }, read: { _, _ in () })
                }
                let t1 = now()
                for (b, paths) in zip(businesses, pathRefs) {
                    nodes.removeAll(keepingCapacity: true)
                    nodes.append(.business(b))
                    try state.call(proxyRead, results: 1, budgeted: false, arguments: { state in
                        state.push(0)
                        state.push(paths)
                        return 2
                    }, read: { _, _ in () })
                }
                let t2 = now()
                if round > 0 { tableNs += t1 - t0; proxyNs += t2 - t1 }
            }
            let count = Double(2 * businesses.count)
            return Result(tableNs: Double(tableNs) / count, proxyNs: Double(proxyNs) / count, readsPerBusiness: reads)
        } catch {
            FileHandle.standardError.write(Data("proxy benchmark failed: \(error)\n".utf8))
            return Result(tableNs: .nan, proxyNs: .nan, readsPerBusiness: .nan)
        }
    }
}
