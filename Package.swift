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
    ],
    targets: [
        // libxlsxwriter, found through pkg-config (Debian: libxlsxwriter-dev).
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // A small Swift wrapper over libxlsxwriter that knows nothing of pledges.
        .target(name: "XlsxWriter", dependencies: ["CXlsxWriter"]),
        // The four stages: ingest, normalise, aggregate, render; and the run that chains them.
        .target(
            name: "PledgeTally",
            dependencies: [
                "XlsxWriter",
            ]
        ),
        // The command line: one root command and a file per subcommand.
        .target(
            name: "PledgeTallyCLI",
            dependencies: [
                "PledgeTally",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "pledgetally", dependencies: ["PledgeTallyCLI"]),
        .testTarget(name: "XlsxWriterTests", dependencies: ["XlsxWriter"]),
        .testTarget(
            name: "PledgeTallyTests",
            dependencies: ["PledgeTally", "PledgeTallyCLI"]
        ),
    ]
)
