// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "evalkit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "evalkit", targets: ["evalkit"]),
        .library(name: "EvalKit", targets: ["EvalKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .executableTarget(name: "evalkit", dependencies: ["EvalKitCLI"]),
        .target(
            name: "EvalKitCLI",
            dependencies: [
                "EvalKit", "EvalKitReports", "EvalKitStore", "EvalKitSession",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "EvalKit", dependencies: ["EvalKitData", "EvalKitMetrics"]),
        .target(
            name: "EvalKitData",
            dependencies: ["CSimdjson", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "EvalKitMetrics", dependencies: ["CBLAS"]),
        .target(name: "EvalKitReports", dependencies: ["EvalKit", "CPNG", "CFreeType"]),
        .target(name: "EvalKitStore", dependencies: ["EvalKit", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "EvalKitSession", dependencies: ["EvalKit", "EvalKitReports", "EvalKitStore"]),
        .target(name: "CSimdjson", linkerSettings: [.linkedLibrary("simdjson")]),
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CPNG", pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]),
        .systemLibrary(
            name: "CFreeType", pkgConfig: "freetype2",
            providers: [.apt(["libfreetype-dev"])]),
        .testTarget(name: "EvalKitDataTests", dependencies: ["EvalKitData"]),
        .testTarget(name: "EvalKitMetricsTests", dependencies: ["EvalKitMetrics", "EvalKitData"]),
        .testTarget(name: "EvalKitTests", dependencies: ["EvalKit", "EvalKitReports"]),
        .testTarget(name: "EvalKitReportsTests", dependencies: ["EvalKitReports"]),
        .testTarget(name: "EvalKitCLITests", dependencies: ["EvalKitCLI", "EvalKitSession"]),
        .testTarget(name: "EvalKitSessionTests", dependencies: ["EvalKitSession", "EvalKitStore"]),
        .testTarget(name: "EvalKitStoreTests", dependencies: ["EvalKitStore"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)

// Fuzz targets (Fuzz/, docs/fuzzing.md): declared only when scripts/fuzz.sh sets EVALKIT_FUZZ=1 and
// builds with `--sanitize=fuzzer --sanitize=address` in its own scratch path (.build-fuzz). They
// have no `main` of their own (libFuzzer provides it), so the normal `swift build` never sees them.
if Context.environment["EVALKIT_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzCSV", ["EvalKitData"]),
        ("FuzzJSON", ["EvalKitData"]),
        ("FuzzJSONL", ["EvalKitData"]),
        ("FuzzCOCO", ["EvalKit", "EvalKitData"]),
        ("FuzzManifest", ["EvalKitData"]),
        ("FuzzScheme", ["EvalKit", "EvalKitData"]),
        ("FuzzMOT", ["EvalKit", "EvalKitData"]),
    ]
    for target in fuzzTargets {
        package.targets.append(.executableTarget(
            name: target.name, dependencies: target.dependencies + ["FuzzSupport"], path: "Fuzz/Targets",
            exclude: fuzzTargets.map { "\($0.name).swift" }.filter { $0 != "\(target.name).swift" }))
    }
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["EvalKitData"], path: "Fuzz/Support"))
}
