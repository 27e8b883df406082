import Foundation

/// One vehicle the business runs now.
public struct Vehicle: Codable, Hashable, Sendable {
    /// What kind of vehicle it is.
    public var kind: VehicleKind?
    /// Its fuel or power source.
    public var fuel: Fuel?
    /// Euro emissions standard, 1 ... 6.
    public var euroStandard: Int?
    /// Tailpipe CO2 emissions (grams per kilometre).
    public var co2GramsPerKm: Int?
    /// Range on battery or hydrogen alone (miles).
    public var zeroEmissionRangeMiles: Int?
    /// Gross vehicle weight (kilograms).
    public var grossWeightKg: Int?
    /// Date of first registration.
    public var firstRegistered: Day?

    /// Creates a vehicle; every fact defaults to unknown (nil).
    public init(
        kind: VehicleKind? = nil,
        fuel: Fuel? = nil,
        euroStandard: Int? = nil,
        co2GramsPerKm: Int? = nil,
        zeroEmissionRangeMiles: Int? = nil,
        grossWeightKg: Int? = nil,
        firstRegistered: Day? = nil
    ) {
        self.kind = kind
        self.fuel = fuel
        self.euroStandard = euroStandard
        self.co2GramsPerKm = co2GramsPerKm
        self.zeroEmissionRangeMiles = zeroEmissionRangeMiles
        self.grossWeightKg = grossWeightKg
        self.firstRegistered = firstRegistered
    }
}
