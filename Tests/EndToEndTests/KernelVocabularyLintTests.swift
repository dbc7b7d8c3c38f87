import Foundation
import Testing

/// The kernel vocabulary lint (scripts/lint-kernel-vocabulary.py), as `make test` runs it: the
/// kernel knows no trading.
@Suite struct KernelVocabularyLintTests {
    func lint(_ arguments: [String], in directory: URL = CommandRunner.repositoryRoot) throws -> CommandRunner.Result {
        let script = CommandRunner.repositoryRoot.appendingPathComponent("scripts/lint-kernel-vocabulary.py").path
        return try CommandRunner.run("/usr/bin/env", ["python3", script] + arguments, in: directory)
    }

    /// A temporary tree with `Kernel/Bad.swift` holding `source`, and an empty pending list.
    func plant(_ source: String) throws -> URL {
        let root = try CommandRunner.temporaryDirectory()
        let kernel = root.appendingPathComponent("Kernel")
        try FileManager.default.createDirectory(at: kernel, withIntermediateDirectories: true)
        try source.write(to: kernel.appendingPathComponent("Bad.swift"), atomically: true, encoding: .utf8)
        try "".write(to: root.appendingPathComponent("pending.txt"), atomically: true, encoding: .utf8)
        return root
    }

    @Test func catchesATradingTypeAnIdentifierAndAString() throws {
        let root = try plant("func f(_ q: Quote) {}\nlet bidPrice = 1\nlet s = \"unknown fill\"\n// a total order is fine in prose\n")
        let result = try lint(["--pending", "pending.txt", "Kernel"], in: root)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("Kernel/Bad.swift:1: trading word 'quote'"))
        #expect(result.stdout.contains("Kernel/Bad.swift:2: trading word 'bid'"))
        #expect(result.stdout.contains("Kernel/Bad.swift:3: trading word 'fill' in string"))
        #expect(!result.stdout.contains("Kernel/Bad.swift:4:"))
    }

    @Test func anExemptionNeedsAReason() throws {
        let exempt = try plant("let q: Quote // kernel-vocabulary-ok: a fixture\n")
        #expect(try lint(["--pending", "pending.txt", "Kernel"], in: exempt).exitCode == 0)
        let noReason = try plant("let q: Quote // kernel-vocabulary-ok:\n")
        #expect(try lint(["--pending", "pending.txt", "Kernel"], in: noReason).exitCode == 1)
    }

    /// The pending list only shrinks: a listed file that is clean or gone fails the lint.
    @Test func thePendingListOnlyShrinks() throws {
        let root = try plant("let x = 1\n")
        try "Kernel/Bad.swift\n".write(to: root.appendingPathComponent("pending.txt"), atomically: true, encoding: .utf8)
        let clean = try lint(["--pending", "pending.txt", "Kernel"], in: root)
        #expect(clean.exitCode == 1)
        #expect(clean.stdout.contains("holds no trading words any more"))
        try "Kernel/Gone.swift\n".write(to: root.appendingPathComponent("pending.txt"), atomically: true, encoding: .utf8)
        let gone = try lint(["--pending", "pending.txt", "Kernel"], in: root)
        #expect(gone.exitCode == 1)
        #expect(gone.stdout.contains("no longer exists"))
    }

    @Test func theRealKernelPassesAndTheSelfTestToo() throws {
        let result = try lint(["Kernel"])
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(try lint(["--self-test"]).exitCode == 0)
    }
}
