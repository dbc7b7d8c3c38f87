import ArgumentParser

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Inspect, print, verify and recover event logs.",
        discussion: "Examples:\n  metronome log inspect out/calm.mlog\n  metronome log cat out/calm.mlog --type order",
        subcommands: [])
}
