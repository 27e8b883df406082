/// What the rule book says about one programme: for `eligible programmes`, explanations and lint.
public struct ProgrammeInfo: Codable, Hashable, Sendable {
    /// One criterion as declared.
    public struct Criterion: Codable, Hashable, Sendable {
        /// Its id.
        public var id: String
        /// The sentence an advisor reads.
        public var text: String
        /// The clause of the scheme it implements.
        public var clause: String?
        /// The line of its test in the rule file.
        public var line: Int
    }
    /// One effective-dated parameter and its entries.
    public struct DatedParameter: Codable, Hashable, Sendable {
        /// One value and when it holds, as "YYYY-MM-DDTHH:MM" instants (`to` exclusive).
        public struct Entry: Codable, Hashable, Sendable {
            public var from: String
            public var to: String?
            public var value: PlainValue
        }
        /// Its name.
        public var name: String
        /// The line of its `dated { ... }`.
        public var line: Int
        /// Its entries, in date order.
        public var entries: [Entry]
    }
    /// The programme's id.
    public var id: String
    /// Its title.
    public var title: String
    /// One paragraph about it.
    public var summary: String
    /// Where its guidance is.
    public var guidance: String
    /// The published sources its figures come from.
    public var sources: [String]
    /// The rule file, e.g. `rules/plug-in-van-grant.lua`.
    public var file: String
    /// The line of `programme {`.
    public var line: Int
    /// The first day (or instant) it is open, as declared.
    public var openFrom: String
    /// The last day (or the instant it closes), as declared; nil if open-ended.
    public var openTo: String?
    /// Whether it is open at the instant asked about.
    public var open: Bool?
    /// The most it ever pays.
    public var maximum: Money
    /// How awards are rounded: "none", "down-to-pound" or "nearest-pound".
    public var rounding: String
    /// For an award the scheme sets case by case: who sets it and how (no amount is worked out).
    public var discretionary: String?
    /// Its criteria, in order (with "subsidy-control" last where it applies).
    public var criteria: [Criterion]
    /// Its parameters' values at the instant asked about.
    public var params: [ParameterValue]
    /// Its effective-dated parameters.
    public var datedParams: [DatedParameter]
}
