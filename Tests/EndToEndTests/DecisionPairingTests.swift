import Foundation
import Testing

/// The issue's own counterfactual: calm-day for two hours, replayed with the sector limit raised.
/// Trace ids are sequence numbers and shift after the first divergence; pairing by the input
/// behind a decision must still find the orders both runs sent.
@Suite struct DecisionPairingTests {
    /// One `+`/`−` order line of the diff: what was ordered, without its trace id.
    static func orders(_ output: String, marker: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("\(marker) order input") else { return nil }
            return String(text.dropFirst(marker.count + 1).prefix { $0 != "(" })
        }
    }

    @Test func aRaisedSectorLimitPairsTheOrdersBothRunsSent() throws {
        let directory = try CommandRunner.temporaryDirectory()
        let log = directory.appendingPathComponent("a.mlog").path
        let run = try CommandRunner.metronome("run", "calm-day", "--until", "2h", "--record", log, "--quiet")
        #expect(run.exitCode == 0, "\(run.stderr)")
        let whatIf = directory.appendingPathComponent("whatif.yaml")
        try "gate:\n  max_sector: 0.4\n".write(to: whatIf, atomically: true, encoding: .utf8)
        let replay = try CommandRunner.metronome("replay", log, "--with", whatIf.path)
        #expect(replay.exitCode == 0, "\(replay.stdout)\(replay.stderr)")
        // "orders   8   10  +6 added, −4 removed, 0 changed": every order is paired, added or removed, once.
        let line = try #require(replay.stdout.split(separator: "\n").first { $0.hasPrefix("orders ") && $0.contains("added") }, "\(replay.stdout)")
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        try #require(numbers.count == 5, "\(line)")
        let (totalA, totalB, added, removed, changed) = (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4])
        #expect(totalA - removed == totalB - added, "the orders paired are the same count seen from either side: \(line)")
        #expect(changed <= min(totalA - removed, totalB - added), "a changed order is a paired one: \(line)")
        #expect(totalB - added > 0, "some orders of the original are found in the counterfactual: \(line)")
        // The symptom: the same order listed as removed and added under two trace ids.
        let plus = Set(DecisionPairingTests.orders(replay.stdout, marker: "+"))
        let minus = Set(DecisionPairingTests.orders(replay.stdout, marker: "−"))
        // The first five of each kind are listed, and a line says how many more there are.
        #expect(plus.count == min(added, 5) && minus.count == min(removed, 5), "\(replay.stdout)")
        if added > 5 { #expect(replay.stdout.contains("+ … and \(added - 5) more added orders"), "\(replay.stdout)") }
        #expect(plus.isDisjoint(with: minus), "an order both added and removed: \(plus.intersection(minus))")
        // "gate decisions 273 274 +2 added, −1 removed, 7 changed": never more changed than paired.
        let gate = try #require(replay.stdout.split(separator: "\n").first { $0.hasPrefix("gate decisions ") }, "\(replay.stdout)")
        let gateNumbers = gate.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        try #require(gateNumbers.count == 5, "\(gate)")
        #expect(gateNumbers[4] <= gateNumbers[0] - gateNumbers[3], "\(gate)")
    }
}
