import Foundation

/// A public subsidy the business has already received (for subsidy-control limits). All three
/// fields are required.
public struct Subsidy: Codable, Hashable, Sendable {
    /// Amount received (pence).
    public var amount: Money
    /// Date the subsidy was awarded.
    public var date: Day
    /// Name of the scheme that gave it.
    public var scheme: String

    /// Creates a prior-subsidy record.
    public init(amount: Money, date: Day, scheme: String) {
        self.amount = amount
        self.date = date
        self.scheme = scheme
    }
}
