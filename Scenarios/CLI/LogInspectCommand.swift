import ArgumentParser
import Foundation
import Kernel
import Messages
import Scenarios

struct LogInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a log's header, blocks, sizes, time range, digests and whether it was closed cleanly.",
        discussion: "Example:\n  metronome log inspect out/calm.mlog")

    @Argument(help: "The log.")
    var log: String

    @Flag(help: "List every block.")
    var blocks = false

    func run() throws {
        let reader = try LogCommand.open(log)
        let header = reader.header
        let report = JournalVerification.verify(reader)
        let ratio = reader.fileSize > 0 ? Double(report.uncompressedBytes) / Double(reader.fileSize) : 0
        var rows: [(String, String)] = [
            ("file", "\(log) (\(SummaryTable.grouped(reader.fileSize)) bytes)"),
            ("format", "v\(header.formatVersion), schema v\(header.schemaVersion)"),
            ("written by", header.buildIdentity),
            ("scenario", "\(header.scenarioName) (digest \(RunDigest.hex(header.scenarioDigest)))"),
            ("mode / seed", "\(header.mode.rawValue) / \(header.seed)"),
            ("start", TimeUnits.iso8601(header.startTime)),
            ("codec", "\(header.codec) level \(header.level), blocks of \(SummaryTable.grouped(UInt64(header.blockBytes))) bytes"),
            ("blocks", "\(report.blocks)"),
            ("records", "\(SummaryTable.grouped(report.records)) (\(SummaryTable.grouped(report.inputs)) inputs, \(SummaryTable.grouped(report.decisions)) decisions"
                + (header.formatVersion >= JournalFormat.firstAnnotationFormatVersion ? ", \(SummaryTable.grouped(report.annotations)) signal records)" : ")")),
            ("raw bytes", SummaryTable.grouped(report.uncompressedBytes)),
            ("file bytes", SummaryTable.grouped(reader.fileSize)),
            ("ratio", String(format: "%.2f", ratio)),
            ("bytes/input", report.inputs > 0 ? String(format: "%.2f", Double(reader.fileSize) / Double(report.inputs)) : "-"),
            ("time range", report.records > 0 ? "\(TimeUnits.iso8601(report.firstTime)) → \(TimeUnits.iso8601(report.lastTime))" : "empty"),
        ]
        if let trailer = report.trailer {
            rows += [
                ("events", SummaryTable.grouped(trailer.deliveries)),
                ("stopped by", trailer.stopReason),
                ("digest", RunDigest.hex(trailer.eventDigest)),
                ("decision_digest", RunDigest.hex(trailer.decisionDigest)),
                ("input digest", RunDigest.hex(trailer.inputDigest)),
                ("closed cleanly", trailer.stopReason == JournalRecovery.recoveredStopReason ? "recovered" : "yes"),
            ]
        } else {
            rows.append(("closed cleanly", "no (no trailer)"))
        }
        if let damage = report.damage { rows.append(("damage", damage.description)) }
        for problem in report.problems where report.damage == nil && report.trailer != nil { rows.append(("problem", problem)) }
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows { print(label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
        if blocks {
            var cursor = reader.blocks()
            while let block = try? cursor.next() {
                let d = block.descriptor
                print(String(format: "  block %4d  @%-10llu  %6u records  %9u → %8u bytes  %@ → %@", d.blockIndex, block.offset, d.recordCount,
                             d.uncompressedBytes, d.compressedBytes, TimeUnits.iso8601(d.firstTime), TimeUnits.iso8601(d.lastTime)))
            }
        }
    }
}
