import Foundation

/// What the business wants funding for. Each part is present only if the business proposes
/// that kind of spending; rule scripts read it as `b.proposal`.
public struct Proposal: Codable, Hashable, Sendable {
    /// A vehicle to buy.
    public var vehicle: VehiclePurchase?
    /// Energy-efficiency work on the premises.
    public var retrofit: Retrofit?
    /// A broadband upgrade.
    public var connectivity: ConnectivityUpgrade?
    /// Electric-vehicle charge points to install.
    public var chargePoints: ChargePoints?
    /// A person to hire.
    public var hire: Hire?

    /// Creates a proposal; every part defaults to absent (nil).
    public init(
        vehicle: VehiclePurchase? = nil,
        retrofit: Retrofit? = nil,
        connectivity: ConnectivityUpgrade? = nil,
        chargePoints: ChargePoints? = nil,
        hire: Hire? = nil
    ) {
        self.vehicle = vehicle
        self.retrofit = retrofit
        self.connectivity = connectivity
        self.chargePoints = chargePoints
        self.hire = hire
    }
}

/// A vehicle the business proposes to buy.
public struct VehiclePurchase: Codable, Hashable, Sendable {
    /// What kind of vehicle it is.
    public var kind: VehicleKind?
    /// Its fuel or power source.
    public var fuel: Fuel?
    /// Purchase price excluding VAT (pence).
    public var priceExVat: Money?
    /// Tailpipe CO2 emissions (grams per kilometre).
    public var co2GramsPerKm: Int?
    /// Range on battery or hydrogen alone (miles).
    public var zeroEmissionRangeMiles: Int?
    /// Gross vehicle weight (kilograms).
    public var grossWeightKg: Int?
    /// Whether it replaces (scraps) one of the vehicles the business runs now.
    public var replacesVehicle: Bool?

    /// Creates a vehicle purchase; every fact defaults to unknown (nil).
    public init(
        kind: VehicleKind? = nil,
        fuel: Fuel? = nil,
        priceExVat: Money? = nil,
        co2GramsPerKm: Int? = nil,
        zeroEmissionRangeMiles: Int? = nil,
        grossWeightKg: Int? = nil,
        replacesVehicle: Bool? = nil
    ) {
        self.kind = kind
        self.fuel = fuel
        self.priceExVat = priceExVat
        self.co2GramsPerKm = co2GramsPerKm
        self.zeroEmissionRangeMiles = zeroEmissionRangeMiles
        self.grossWeightKg = grossWeightKg
        self.replacesVehicle = replacesVehicle
    }
}

/// Energy-efficiency work the business proposes for its premises.
public struct Retrofit: Codable, Hashable, Sendable {
    /// The measures, in plain words (e.g. "loft insulation", "LED lighting").
    public var measures: [String]?
    /// Cost of the work excluding VAT (pence).
    public var costExVat: Money?
    /// EPC band the premises are expected to reach afterwards.
    public var expectedEpcBand: EPCBand?

    /// Creates a retrofit proposal; every fact defaults to unknown (nil).
    public init(measures: [String]? = nil, costExVat: Money? = nil, expectedEpcBand: EPCBand? = nil) {
        self.measures = measures
        self.costExVat = costExVat
        self.expectedEpcBand = expectedEpcBand
    }
}

/// A broadband upgrade the business proposes.
public struct ConnectivityUpgrade: Codable, Hashable, Sendable {
    /// Cost of the upgrade excluding VAT (pence).
    public var costExVat: Money?
    /// Download speed after the upgrade (megabits per second).
    public var newDownloadMbps: Double?

    /// Creates a connectivity-upgrade proposal; every fact defaults to unknown (nil).
    public init(costExVat: Money? = nil, newDownloadMbps: Double? = nil) {
        self.costExVat = costExVat
        self.newDownloadMbps = newDownloadMbps
    }
}

/// Electric-vehicle charge points the business proposes to install.
public struct ChargePoints: Codable, Hashable, Sendable {
    /// Number of charging sockets.
    public var sockets: Int?
    /// Cost of supply and installation excluding VAT (pence).
    public var costExVat: Money?

    /// Creates a charge-point proposal; every fact defaults to unknown (nil).
    public init(sockets: Int? = nil, costExVat: Money? = nil) {
        self.sockets = sockets
        self.costExVat = costExVat
    }
}

/// A person the business proposes to hire.
public struct Hire: Codable, Hashable, Sendable {
    /// The new employee's age (whole years).
    public var age: Int?
    /// Contracted hours per week.
    public var hoursPerWeek: Int?
    /// First day of employment.
    public var startDate: Day?
    /// Gross hourly wage (pence per hour).
    public var hourlyWage: Money?
    /// Length of the contract (weeks).
    public var contractWeeks: Int?

    /// Creates a hire proposal; every fact defaults to unknown (nil).
    public init(
        age: Int? = nil,
        hoursPerWeek: Int? = nil,
        startDate: Day? = nil,
        hourlyWage: Money? = nil,
        contractWeeks: Int? = nil
    ) {
        self.age = age
        self.hoursPerWeek = hoursPerWeek
        self.startDate = startDate
        self.hourlyWage = hourlyWage
        self.contractWeeks = contractWeeks
    }
}
