// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pledgetally",
    products: [
        .executable(name: "pledgetally", targets: ["pledgetally"]),
        .library(name: "PledgeTally", targets: ["PledgeTally"]),
        .library(name: "XlsxWriter", targets: ["XlsxWriter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // libxlsxwriter, found through pkg-config (Debian: libxlsxwriter-dev).
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // A small Swift wrapper over libxlsxwriter that knows nothing of pledges.
        .target(name: "XlsxWriter", dependencies: ["CXlsxWriter", "CZipLevel"]),
        // The zip compression level libxlsxwriter 1.1.4 has no setting for.
        .target(name: "CZipLevel"),
        // The few system calls Swift's Glibc module does not expose (renameat2).
        .target(name: "CPledgeSupport"),
        // The four stages: ingest, normalise, aggregate, render; and the run that chains them.
        .target(
            name: "PledgeTally",
            dependencies: [
                "XlsxWriter",
                "CPledgeSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `rates update`: the ECB history downloaded (URLSession), unzipped
        // (ZIPFoundation), checked against the local one and swapped in.
        .target(
            name: "RatesUpdate",
            dependencies: [
                "PledgeTally",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The command line: one root command and a file per subcommand.
        .target(
            name: "PledgeTallyCLI",
            dependencies: [
                "PledgeTally",
                "RatesUpdate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "pledgetally", dependencies: ["PledgeTallyCLI"]),
        .testTarget(name: "XlsxWriterTests", dependencies: ["XlsxWriter"]),
        .testTarget(
            name: "PledgeTallyTests",
            dependencies: ["PledgeTally", "PledgeTallyCLI", "FuzzChecks"]
        ),
        // Fuzzing (`make fuzz`): the invariants, and one libFuzzer executable per
        // input kind. Built without `-D FUZZING` the executables replay the
        // files named on their command line instead.
        .target(name: "FuzzChecks", dependencies: ["PledgeTally"]),
        .executableTarget(name: "FuzzPledgeFiles", dependencies: ["FuzzChecks"]),
        .executableTarget(name: "FuzzAmountParser", dependencies: ["FuzzChecks"]),
    ]
)
