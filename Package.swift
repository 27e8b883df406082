// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "eligible",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LuaBridge", targets: ["LuaBridge"]),
        .library(name: "Eligibility", targets: ["Eligibility"]),
        .executable(name: "eligible", targets: ["eligible"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            path: "Sources/CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .systemLibrary(name: "CLibYAML", path: "Sources/CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CYAJL", path: "Sources/CYAJL", pkgConfig: "yajl", providers: [.apt(["libyajl-dev"])]),
        // libcsv ships no pkg-config file; its header and library are on the default paths.
        .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV", providers: [.apt(["libcsv-dev"])]),
        // The bridge's C runtime: the allocator, budgets and their watchdog, guarded calls.
        .target(name: "CLuaRuntime", dependencies: ["CLua"]),
        .target(name: "LuaBridge", dependencies: ["CLua", "CLuaRuntime"], resources: [.embedInCode("sandbox.lua")]),
        .target(
            name: "Eligibility",
            dependencies: [
                "LuaBridge", "CLibYAML", "CYAJL", "CLibCSV",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [
                .embedInCode("Runtime/runtime.lua"), .embedInCode("Runtime/instants.lua"), .embedInCode("Runtime/view.lua"),
                .embedInCode("Runtime/declare.lua"), .embedInCode("Runtime/seal.lua"), .embedInCode("Runtime/evaluate.lua"),
                .embedInCode("Runtime/describe.lua"),
            ]
        ),
        .executableTarget(
            name: "eligible",
            dependencies: [
                "Eligibility",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The batch benchmark (`make bench`): benchmark-only code, never shipped.
        .executableTarget(
            name: "eligible-bench",
            dependencies: ["Eligibility", "LuaBridge"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // libFuzzer targets (`make fuzz`): built normally they replay inputs given as files;
        // `-Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address` makes them fuzzers.
        .executableTarget(name: "fuzz-business", dependencies: ["Eligibility"]),
        .executableTarget(name: "fuzz-rules", dependencies: ["Eligibility", "LuaBridge"]),
        .testTarget(name: "LuaBridgeTests", dependencies: ["LuaBridge", "CLua", "CLuaRuntime"]),
        .testTarget(name: "EligibilityTests", dependencies: ["Eligibility"]),
        .testTarget(name: "eligibleTests", dependencies: ["Eligibility"], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
