import Foundation

/// The make-up and pay of the business's workforce.
public struct Workforce: Codable, Hashable, Sendable {
    /// Employees aged 16 to 24 (headcount).
    public var age16To24: Int?
    /// Employees aged 25 to 49 (headcount).
    public var age25To49: Int?
    /// Employees aged 50 or over (headcount).
    public var age50Plus: Int?
    /// Whether every employee is paid at least the Real Living Wage.
    public var paysRealLivingWage: Bool?

    /// Creates workforce facts; every fact defaults to unknown (nil).
    public init(
        age16To24: Int? = nil,
        age25To49: Int? = nil,
        age50Plus: Int? = nil,
        paysRealLivingWage: Bool? = nil
    ) {
        self.age16To24 = age16To24
        self.age25To49 = age25To49
        self.age50Plus = age50Plus
        self.paysRealLivingWage = paysRealLivingWage
    }
}
