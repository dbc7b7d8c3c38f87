// swift-tools-version: 6.1
import PackageDescription
let u: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
let package = Package(name: "payloadbench", targets: [
    .target(name: "KEnum", swiftSettings: u), .target(name: "KGen", swiftSettings: u), .target(name: "KOpaque", swiftSettings: u),
    .target(name: "MsgGen", dependencies: ["KGen"], swiftSettings: u), .target(name: "MsgOpaque", dependencies: ["KOpaque"], swiftSettings: u),
    .executableTarget(name: "bench", dependencies: ["KEnum", "KGen", "KOpaque", "MsgGen", "MsgOpaque"], swiftSettings: u),
], swiftLanguageModes: [.v6])
