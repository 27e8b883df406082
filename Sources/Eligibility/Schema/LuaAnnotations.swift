/// LuaLS (lua-language-server) annotations for rule authors, generated from the fact
/// vocabulary: the business's records as classes, value lists as string aliases, dated facts as
/// `Dated<T>`, and the engine's helpers (`programme`, `dated`, `pounds`, `percent`, `has`,
/// `unknown`, `applies`, `on`) with their signatures. Shipped as `rules/types/eligible.lua` (a
/// `---@meta` file the engine never loads: it loads only `rules/*.lua` and `rules/lib/*.lua`),
/// with `rules/.luarc.json` pointing LuaLS at it.
public enum LuaAnnotations {
    /// Where the generated file is shipped, relative to the rules directory.
    public static let shippedPath = "types/eligible.lua"

    /// The annotation file's text for `vocabulary`.
    public static func document(_ vocabulary: Vocabulary) -> String {
        var out = """
            ---@meta
            -- LuaLS (lua-language-server) annotations for eligible's rule scripts: completion and
            -- type checks for the business `b`, the parameters `p` and the engine's helpers.
            -- GENERATED from \(vocabulary.file) by `eligible schema --format lua`: do not edit; after
            -- changing the vocabulary, run `eligible schema --format lua > rules/types/eligible.lua`
            -- (`eligible lint` says when it is out of date). The engine never loads it.
            --
            -- Reading an absent fact stops a test as "cannot tell" (needs-information), and one
            -- answered "does not apply" stops it as failed, so a fact you read is never nil:
            -- fields are annotated as present. has(node, "key") asks whether a fact is given.

            ---Money: a whole number of pence (pounds(3000) == 300000).
            ---@alias Money integer

            ---A calendar day, "YYYY-MM-DD" (strings compare in date order).
            ---@alias Day string

            ---A day and time, "YYYY-MM-DDTHH:MM" (UK local time).
            ---@alias Instant string

            ---A fact that changes over time: read it as at a day with on(fact, day).
            ---@class Dated<T>


            """
        var aliases = [String]()
        var written = Set<String>()
        func alias(_ type: FactType, for fact: FactDefinition) -> String? {
            guard case .oneOf(let list) = type.itemType ?? type else { return nil }
            let name = list.name.map(Self.typeName) ?? (fact.name.prefix(1).uppercased() + fact.name.dropFirst())
            if written.insert(name).inserted {
                aliases.append("---@alias \(name) " + list.valueNames.map { "\"\($0)\"" }.joined(separator: "|") + "\n")
            }
            return name
        }
        var classes = ""
        func record(_ type: RecordType) {
            classes += "\n---\(type.meaning)\n---@class (exact) \(type.typeName)\n"
            for fact in type.facts {
                var lua: String
                switch fact.type {
                case .yesNo: lua = "boolean"
                case .wholeNumber: lua = "integer"
                case .decimal: lua = "number"
                case .money: lua = "Money"
                case .day: lua = "Day"
                case .minute: lua = "Instant"
                case .text: lua = "string"
                case .textList: lua = "string[]"
                case .oneOf: lua = alias(fact.type, for: fact) ?? "string"
                case .severalOf: lua = (alias(fact.type, for: fact) ?? "string") + "[]"
                case .record(let child): lua = child.typeName
                case .records(let child): lua = child.typeName + "[]"
                }
                if fact.dated { lua = "Dated<\(lua)>" }
                classes += "---@field \(fact.name) \(lua) \(fact.meaningWithUnit)\n"
            }
            for fact in type.facts { if let child = fact.type.recordType { record(child) } }
        }
        record(vocabulary.root)
        out += aliases.joined() + classes
        out += """

            ---The parameters in force at the as-of instant: the programme's `params` (each dated
            ---one resolved to its value at that instant), plus two the engine adds.
            ---@class Params
            ---@field as_of string The as-of instant, "YYYY-MM-DDTHH:MM" (UK local time).
            ---@field today Day The as-of day, "YYYY-MM-DD".
            ---@field [string] any

            ---One criterion: a sentence an advisor reads and its test.
            ---@class Criterion
            ---@field id string A short kebab-case id, unique in the programme ("small-firm").
            ---@field text string The sentence an advisor reads ("Fewer than 50 employees").
            ---@field clause? string The clause of the scheme it implements ("Guidance 2.1").
            ---@field needs_award? boolean When true the test runs after the award is worked out and gets it (in pence) as a third argument.
            ---@field test fun(b: Business, p: Params, award?: Money): boolean|nil true, false, or nil when it cannot tell.

            ---How the award is worked out.
            ---@class Award
            ---@field amount? fun(b: Business, p: Params): integer, string? Integer pence, and optionally a sentence saying how.
            ---@field discretionary? string For an award the scheme sets case by case: who sets it and how (instead of amount).
            ---@field maximum Money The most the programme ever pays.
            ---@field rounding? "none"|"down-to-pound"|"nearest-pound" How the amount is rounded (default "none").

            ---When the programme is open (`to` date-only: through that whole day).
            ---@class Window
            ---@field from Instant
            ---@field to? Instant

            ---A programme's declaration: `return programme { ... }`.
            ---@class ProgrammeDeclaration
            ---@field id string Kebab-case, equal to the file name.
            ---@field title string The name advisors see.
            ---@field summary string One paragraph a business owner can read.
            ---@field guidance string A URL or a document reference.
            ---@field open Window When it is open.
            ---@field sources? string[] The published documents its figures come from.
            ---@field params? table<string, any> Every threshold, named once (values may be `dated { ... }`).
            ---@field criteria Criterion[] Ordered; every one must pass.
            ---@field award Award

            ---One entry of an effective-dated value.
            ---@class DatedEntry
            ---@field from Instant From this instant...
            ---@field to? Instant ...until the next entry's `from` (or this `to`).
            ---@field value any The value in force.

            ---Declares the programme this file defines.
            ---@param declaration ProgrammeDeclaration
            ---@return table
            function programme(declaration) end

            ---An effective-dated parameter value; entries in date order.
            ---@param entries DatedEntry[]
            ---@return any
            function dated(entries) end

            ---n pounds as integer pence: pounds(3000) == 300000.
            ---@param n number
            ---@return Money
            function pounds(n) end

            ---pct% of an integer-pence amount, rounded down to a whole penny.
            ---@param amount Money
            ---@param pct number
            ---@return Money
            function percent(amount, pct) end

            ---True when the fact is known (present), without stopping the test when it is absent.
            ---@param node table A part of the business, e.g. b or b.premises.
            ---@param key string
            ---@return boolean
            function has(node, key) end

            ---Stops this test as "cannot tell", naming the missing facts.
            ---@param node table A part of the business.
            ---@param ... string The missing facts' keys.
            function unknown(node, ...) end

            ---False when the fact is answered "does not apply", true when it is given; stops the
            ---test as "cannot tell" when it is unknown.
            ---@param node table A part of the business.
            ---@param key string
            ---@return boolean
            function applies(node, key) end

            ---True when any branch is true; false when all are false; otherwise "cannot tell".
            ---@param ... (fun(): boolean|nil)|boolean
            ---@return boolean
            function any_of(...) end

            ---False when any branch is false; true when all are true; otherwise "cannot tell".
            ---@param ... (fun(): boolean|nil)|boolean
            ---@return boolean
            function all_of(...) end

            ---The value of a dated fact as at a day ("2020-03-11", or p.today).
            ---@generic T
            ---@param fact Dated<T>
            ---@param day string
            ---@return T
            function on(fact, day) end

            """
        return out
    }

    /// `vehicle kinds` -> `VehicleKinds`.
    private static func typeName(_ listName: String) -> String {
        listName.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
