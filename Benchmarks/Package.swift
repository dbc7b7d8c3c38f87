// swift-tools-version: 6.1
// Benchmarks for Metronome, kept in their own package so that the benchmark harness
// (ordo-one/benchmark and its malloc interposer) never becomes a dependency of the root package.
//
// Run from this directory:
//   swift package benchmark                                   # run all suites, print a table
//   swift package --allow-writing-to-package-directory benchmark baseline update main
//   swift package benchmark baseline check main               # exit 0 = within thresholds
// See README.md.
import PackageDescription

let package = Package(
    name: "MetronomeBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The root package, by path. `name:` pins the identifier used below, whatever the
        // checkout directory is called.
        .package(name: "Metronome", path: ".."),
        // Only the malloc interposer trait: no jemalloc needed (Swift 6.3+), and the Linux
        // runtime (ARC) interposer dependency is left out.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The plugin discovers benchmark executables under ./Benchmarks/<TargetName>/.
        .executableTarget(
            name: "KernelBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Kernel", package: "Metronome"),
                .product(name: "Scenarios", package: "Metronome"),
            ],
            path: "Benchmarks/KernelBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
