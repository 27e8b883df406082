import Foundation

/// How COVID-19 affected the business.
public struct CovidImpact: Codable, Hashable, Sendable {
    /// Fall in turnover against the year before (percent, 0 ... 100).
    public var turnoverDropPercent: Double?
    /// Whether the business was required to close by COVID-19 restrictions.
    public var closedByRestrictions: Bool?

    /// Creates COVID-impact facts; every fact defaults to unknown (nil).
    public init(turnoverDropPercent: Double? = nil, closedByRestrictions: Bool? = nil) {
        self.turnoverDropPercent = turnoverDropPercent
        self.closedByRestrictions = closedByRestrictions
    }
}
