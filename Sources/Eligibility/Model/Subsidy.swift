import Foundation

/// A public subsidy the business has already received (for subsidy control): `subsidies[]` in
/// the fact vocabulary. The amount is in the subsidy's own currency.
public struct Subsidy: Codable, Hashable, Sendable {
    /// The currencies subsidies are declared in.
    public enum Currency: String, Codable, Hashable, Sendable, CaseIterable {
        /// Pounds sterling.
        case GBP
        /// Euros (EU de minimis declarations).
        case EUR
        /// Special Drawing Rights (UK-EU Trade and Cooperation Agreement declarations).
        case SDR
    }

    /// The amount received, in `currency` (e.g. 12000.5).
    public var amount: Double
    /// The currency of `amount`.
    public var currency: Currency
    /// The subsidy-control rules it was given under (`regime` in the vocabulary), when known.
    public var regime: String?
    /// The date it was awarded.
    public var date: Day
    /// The scheme that gave it.
    public var scheme: String

    /// Creates a prior-subsidy record.
    public init(amount: Double, currency: Currency = .GBP, regime: String? = nil, date: Day, scheme: String) {
        self.amount = amount
        self.currency = currency
        self.regime = regime
        self.date = date
        self.scheme = scheme
    }
}
