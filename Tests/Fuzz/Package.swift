// swift-tools-version: 5.4
// libFuzzer targets for Metronome's three parsers of untrusted input: the journal reader, the
// scenario loader and the live feed line parser (docs/fuzzing.md). A package of its own so that
// the root package's `swift build` and `swift test` never see it; `make fuzz` builds and runs it.
//
// Why tools version 5.4: from 5.5 on, SwiftPM links every executable with `--defsym main=<Target>_main`
// (testable executables), a symbol `-parse-as-library` never emits, so the link fails. libFuzzer
// brings its own `main`; the targets only define `LLVMFuzzerTestOneInput`.
//
// Build (what `make fuzz` does, from the repository root):
//   swift build -c release --package-path Tests/Fuzz --scratch-path .build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
    name: "MetronomeFuzz",
    dependencies: [
        // The root package, by path; `name:` pins the identifier used below.
        .package(name: "Metronome", path: "../.."),
    ],
    targets: [
        // What the three targets share: a scratch file per process for code that reads paths.
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        .executableTarget(
            name: "JournalReaderFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "Kernel", package: "Metronome"),
                .product(name: "Scenarios", package: "Metronome"),
            ],
            path: "Sources/JournalReaderFuzzer"
        ),
        .executableTarget(
            name: "ScenarioLoaderFuzzer",
            dependencies: ["FuzzSupport", .product(name: "Scenarios", package: "Metronome")],
            path: "Sources/ScenarioLoaderFuzzer"
        ),
        .executableTarget(
            name: "LiveLineFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "Kernel", package: "Metronome"),
                .product(name: "Actors", package: "Metronome"),
                .product(name: "Scenarios", package: "Metronome"),
            ],
            path: "Sources/LiveLineFuzzer"
        ),
    ]
)
