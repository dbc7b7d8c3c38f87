import ArgumentParser

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version and the linked zstd and lz4 libraries.",
        discussion: "Example:\n  metronome version")

    func run() { print(MetronomeVersion.text) }
}
