// swift-tools-version: 6.1
// Metronome: a deterministic, actor-based simulation kernel for trading pipelines.
// Layout follows docs/architecture.md: Kernel → Actors → the Scenario* layers → the `metronome` CLI.
import PackageDescription

/// Every Swift target: Swift 6 language mode, and nonisolated async code stays on the caller's
/// executor (SE-0461) so nothing escapes to the global concurrent pool.
let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

/// The kernel is generic over its payload (docs/architecture.md, "The kernel knows no trading"):
/// its hot path runs fast only when the module that names the payload specializes it, which needs
/// the kernel's function bodies. Whole-module cross-module optimization serializes them, so every
/// generic call from Actors and Scenarios is specialized for `Message` (release builds; debug
/// builds do not optimize across modules anyway). The trading payload gets the same, so that the
/// specialized hot path inlines its encoding and its decision rule.
let kernelSwift: [SwiftSetting] = strictSwift + [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

/// Test hooks (the chaos self-test's planted bug, the planted input trap) exist in debug builds
/// only: a release binary cannot plant them (docs/chaos.md, "The self-test").
let testHooks: [SwiftSetting] = [.define("METRONOME_TEST_HOOKS", .when(configuration: .debug))]

let package = Package(
    name: "Metronome",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "metronome", targets: ["metronome"]),
        .library(name: "Kernel", targets: ["Kernel"]),
        .library(name: "Messages", targets: ["Messages"]),
        .library(name: "Actors", targets: ["Actors"]),
        .library(name: "Scenarios", targets: ["Scenarios"]),
        .library(name: "MetronomeCommandLine", targets: ["MetronomeCommandLine"]),
        // The Gymnasium environment's C ABI, loaded by python/metronome_gym (docs/python.md).
        .library(name: "MetronomeGym", type: .dynamic, targets: ["MetronomeGym"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZstd",
            path: "Kernel/System/CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .systemLibrary(
            name: "CLZ4",
            path: "Kernel/System/CLZ4",
            pkgConfig: "liblz4",
            providers: [.apt(["liblz4-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            path: "Kernel/System/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "CRuntimeHooks",
            path: "Kernel/System/CRuntimeHooks",
            linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
        ),
        .target(
            name: "Kernel",
            dependencies: [
                "CZstd", "CLZ4", "CRuntimeHooks",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Kernel",
            exclude: ["System"],
            swiftSettings: kernelSwift
        ),
        // The trading payload the kernel carries: Message, its tags, the model types, and the
        // names Actors and Scenarios use for the kernel's generic types (docs/architecture.md).
        .target(name: "Messages", dependencies: ["Kernel"], path: "Actors/Messages", swiftSettings: kernelSwift),
        .target(
            name: "Actors",
            dependencies: [
                "Kernel", "Messages", "CZlib", "CZstd",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Actors",
            exclude: ["Messages"],
            swiftSettings: strictSwift + testHooks
        ),
        // Scenarios: one target per layer, each listing only what it imports. docs/architecture.md
        // ("Who may import whom") holds the rule; Tests/ScenariosTests/ModuleImportRuleTests checks it.
        .target(
            name: "ScenarioDefinition",
            dependencies: ["Kernel", "Messages", "Actors", .product(name: "Yams", package: "Yams")],
            path: "Scenarios/Definition",
            swiftSettings: strictSwift + testHooks
        ),
        .target(name: "ScenarioPipeline", dependencies: ["Kernel", "Messages", "Actors", "ScenarioDefinition"], path: "Scenarios/Pipeline", swiftSettings: strictSwift + testHooks),
        .target(
            name: "ScenarioFaults",
            dependencies: [
                "Kernel", "Messages", "Actors", "ScenarioDefinition", "ScenarioPipeline",
                .product(name: "Yams", package: "Yams"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            path: "Scenarios/Chaos/Faults",
            swiftSettings: strictSwift
        ),
        .target(
            name: "ScenarioRunning",
            dependencies: [
                "Kernel", "Messages", "Actors", "ScenarioDefinition", "ScenarioPipeline", "ScenarioFaults",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Scenarios/Running",
            swiftSettings: strictSwift + testHooks
        ),
        .target(
            name: "ScenarioBenchmarks",
            dependencies: [
                "Kernel", "Messages", "Actors", "ScenarioDefinition", "ScenarioRunning",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Scenarios/Benchmarks",
            swiftSettings: strictSwift
        ),
        .target(
            name: "ScenarioReports",
            dependencies: ["Kernel", "Messages", "Actors", "ScenarioDefinition", "ScenarioRunning", "ScenarioBenchmarks"],
            path: "Scenarios/Reports",
            swiftSettings: strictSwift
        ),
        .target(
            name: "ScenarioChaos",
            dependencies: ["Kernel", "Messages", "Actors", "ScenarioDefinition", "ScenarioFaults", "ScenarioRunning", "ScenarioReports"],
            path: "Scenarios/Chaos/Suite",
            swiftSettings: strictSwift
        ),
        .target(
            name: "ScenarioEvaluation",
            dependencies: ["Kernel", "Messages", "Actors", "ScenarioDefinition", "ScenarioPipeline", "ScenarioRunning"],
            path: "Scenarios/Evaluation",
            swiftSettings: strictSwift
        ),
        .target(
            name: "ScenarioLive",
            dependencies: [
                "Kernel", "Messages", "Actors", "ScenarioDefinition", "ScenarioRunning", "ScenarioBenchmarks",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Scenarios/Live",
            swiftSettings: strictSwift
        ),
        // The umbrella the `Scenarios` product names: re-exports every layer.
        .target(
            name: "Scenarios",
            dependencies: [
                "ScenarioDefinition", "ScenarioPipeline", "ScenarioFaults", "ScenarioRunning",
                "ScenarioBenchmarks", "ScenarioReports", "ScenarioChaos", "ScenarioEvaluation", "ScenarioLive",
            ],
            path: "Scenarios/Umbrella",
            swiftSettings: strictSwift
        ),
        // The whole command line as a library, so that a package adding its own components builds
        // its own `metronome` with every command (docs/extending.md).
        .target(
            name: "MetronomeCommandLine",
            dependencies: [
                "Scenarios", "Kernel", "Messages", "Actors", "CZstd", "CLZ4",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Scenarios/CLI",
            swiftSettings: strictSwift
        ),
        // The kernel in a Python process: a C ABI over a scenario's policy stage (docs/python.md).
        .target(
            name: "MetronomeGym",
            dependencies: ["Kernel", "Messages", "Actors", "ScenarioDefinition", "ScenarioRunning"],
            path: "Scenarios/Gym",
            swiftSettings: strictSwift
        ),
        .executableTarget(name: "metronome", dependencies: ["MetronomeCommandLine"], path: "Scenarios/Main", swiftSettings: strictSwift),
        // A deliberately misbehaving program: the guard tests run it and expect it to trap.
        .executableTarget(
            name: "metronome-guard-probe",
            dependencies: ["Kernel", "Messages"],
            path: "Tests/GuardProbe",
            swiftSettings: strictSwift
        ),
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "Messages"], path: "Tests/KernelTests", swiftSettings: strictSwift),
        .testTarget(name: "ActorsTests", dependencies: ["Actors", "Kernel", "Messages"], path: "Tests/ActorsTests", swiftSettings: strictSwift),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "Kernel", "Messages"], path: "Tests/ScenariosTests", swiftSettings: strictSwift),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [],
            path: "Tests/EndToEndTests",
            swiftSettings: strictSwift
        ),
    ],
    swiftLanguageModes: [.v6]
)
