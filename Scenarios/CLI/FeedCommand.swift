import ArgumentParser

struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Live feeds: serve a scenario's feed or a tick CSV over TCP.",
        discussion: """
            Examples:
              metronome feed serve calm-day --port 9000 --speed 10
              metronome feed serve ticks.csv --port 9000 --rate 100000
            """,
        subcommands: [FeedServeCommand.self])
}
