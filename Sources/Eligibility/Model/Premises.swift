import Foundation

/// The premises the business occupies.
public struct Premises: Codable, Hashable, Sendable {
    /// How the premises are held: owned, leased or home-based.
    public var tenure: Tenure?
    /// Current Energy Performance Certificate band, A ... G.
    public var epcBand: EPCBand?
    /// Business-rates rateable value (pence).
    public var rateableValue: Money?

    /// Creates premises; every fact defaults to unknown (nil).
    public init(tenure: Tenure? = nil, epcBand: EPCBand? = nil, rateableValue: Money? = nil) {
        self.tenure = tenure
        self.epcBand = epcBand
        self.rateableValue = rateableValue
    }
}
