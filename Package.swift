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
        // expat, the event-driven XML parser that reads .xlsx pledge files
        // (Debian: libexpat1-dev).
        .systemLibrary(
            name: "CExpat",
            pkgConfig: "expat",
            providers: [.apt(["libexpat1-dev"])]
        ),
        // A small Swift wrapper over libxlsxwriter that knows nothing of pledges.
        .target(name: "XlsxWriter", dependencies: ["CXlsxWriter", "CZipLevel"]),
        // The zip compression level libxlsxwriter 1.1.4 has no setting for.
        .target(name: "CZipLevel"),
        // The few system calls Swift's Glibc module does not expose (renameat2).
        .target(name: "CPledgeSupport"),
        // The value types every stage shares: DecimalAmount, Qualifier, TextFolding.
        .target(name: "PledgeTallyCore"),
        // The amount language: a phrase in, an amount, currency and qualifier out.
        // Knows nothing of pledges, files or runs.
        .target(name: "AmountLanguage", dependencies: ["PledgeTallyCore"]),
        // Stage 1: pledge files (CSV, TSV, Markdown, xlsx) in, raw records out; the file readers.
        .target(
            name: "Ingest",
            dependencies: [
                "PledgeTallyCore", "CExpat",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Stage 2: everything that interprets: amounts, dates, domains, ECB rates, conversion.
        .target(name: "Normalise", dependencies: ["PledgeTallyCore", "AmountLanguage", "Ingest"]),
        // Stage 3: totals by domain, repeated pledges, the run's facts.
        .target(name: "Aggregate", dependencies: ["PledgeTallyCore", "Ingest", "Normalise"]),
        // Between stages 3 and 4: two runs' output folders compared (pledges.csv,
        // rejected.csv and by_domain.csv read back), and the history of runs.
        // Knows nothing of the workbook; Render shows what it finds.
        .target(name: "RunCompare", dependencies: ["PledgeTallyCore", "Ingest", "Normalise", "Aggregate"]),
        // Stage 4: the CSV files, the workbook and manifest.json.
        .target(
            name: "Render",
            dependencies: ["PledgeTallyCore", "Ingest", "Normalise", "Aggregate", "RunCompare", "XlsxWriter"]
        ),
        // The run that chains the stages into a published output folder.
        .target(
            name: "PledgeTally",
            dependencies: [
                "PledgeTallyCore", "AmountLanguage", "Ingest", "Normalise", "Aggregate", "RunCompare", "Render",
                "CPledgeSupport",
            ]
        ),
        // `rates update`: the ECB history downloaded (URLSession), unzipped
        // (ZIPFoundation), checked against the local one and swapped in.
        .target(
            name: "RatesUpdate",
            dependencies: [
                "PledgeTallyCore",
                "Ingest",
                "Normalise",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The command line: one root command and a file per subcommand.
        .target(
            name: "PledgeTallyCLI",
            dependencies: [
                "AmountLanguage",
                "PledgeTally",
                "RunCompare",
                "RatesUpdate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "pledgetally", dependencies: ["PledgeTallyCLI"]),
        // What several test targets share: the temporary folder helper.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "XlsxWriterTests", dependencies: ["XlsxWriter", "TestSupport"]),
        .testTarget(name: "AmountLanguageTests", dependencies: ["AmountLanguage"]),
        .testTarget(
            name: "PledgeTallyTests",
            dependencies: [
                "PledgeTallyCore", "AmountLanguage", "Ingest", "Normalise", "Aggregate", "RunCompare",
                "Render", "PledgeTally", "PledgeTallyCLI", "FuzzChecks", "TestSupport",
            ]
        ),
        // Fuzzing (`make fuzz`): the invariants, and one libFuzzer executable per
        // input kind. Built without `-D FUZZING` the executables replay the
        // files named on their command line instead.
        .target(
            name: "FuzzChecks",
            dependencies: [
                "PledgeTallyCore", "AmountLanguage", "Ingest",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(name: "FuzzPledgeFiles", dependencies: ["FuzzChecks"]),
        .executableTarget(name: "FuzzAmountParser", dependencies: ["FuzzChecks"]),
        .executableTarget(name: "FuzzXlsx", dependencies: ["FuzzChecks"]),
        // The amount grammar's speed on a file of phrases (see README, Performance).
        .executableTarget(name: "AmountThroughput", dependencies: ["AmountLanguage"]),
    ]
)
