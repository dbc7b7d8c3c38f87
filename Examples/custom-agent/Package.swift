// swift-tools-version: 6.1
// A package that adds its own agent type to Metronome and builds its own `metronome` with every
// command knowing it (docs/extending.md). It depends on Metronome by path; a copy elsewhere
// names Metronome's repository instead.
import PackageDescription

let package = Package(
    name: "CustomAgent",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Metronome", path: "../..")],
    targets: [
        .executableTarget(
            name: "metronome-custom",
            dependencies: [
                .product(name: "MetronomeCommandLine", package: "Metronome"),
                .product(name: "Scenarios", package: "Metronome"),
                .product(name: "Actors", package: "Metronome"),
                .product(name: "Messages", package: "Metronome"),
                .product(name: "Kernel", package: "Metronome"),
            ],
            path: "Sources/metronome-custom"
        ),
    ],
    swiftLanguageModes: [.v6]
)
