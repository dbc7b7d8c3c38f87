import Foundation
import Testing

/// The determinism lint (scripts/lint-determinism.py), as `make test` runs it.
@Suite struct LintTests {
    func lint(_ arguments: [String], in directory: URL = CommandRunner.repositoryRoot) throws -> CommandRunner.Result {
        let script = CommandRunner.repositoryRoot.appendingPathComponent("scripts/lint-determinism.py").path
        return try CommandRunner.run("/usr/bin/env", ["python3", script] + arguments, in: directory)
    }

    func plant(_ line: String) throws -> URL {
        let root = try CommandRunner.temporaryDirectory()
        let kernel = root.appendingPathComponent("Kernel")
        try FileManager.default.createDirectory(at: kernel, withIntermediateDirectories: true)
        try "import Foundation\n\(line)\n".write(to: kernel.appendingPathComponent("Bad.swift"), atomically: true, encoding: .utf8)
        return root
    }

    @Test func catchesAPlantedDate() throws {
        let root = try plant("let started = Date()")
        let result = try lint(["Kernel"], in: root)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("Kernel/Bad.swift:2:15: error: Date()"))
    }

    @Test func detOkWithAReasonExemptsTheLine() throws {
        let root = try plant("let started = Date() // det-ok: test fixture")
        #expect(try lint(["Kernel"], in: root).exitCode == 0)
        let noReason = try plant("let started = Date() // det-ok:")
        #expect(try lint(["Kernel"], in: noReason).exitCode == 1)
    }

    @Test func catchesDictionaryIterationAndSystemRandomness() throws {
        let root = try plant("var weights: [String: Double] = [:]\nfor (name, weight) in weights { print(name, weight) }\nlet x = Int.random(in: 0..<3)")
        let result = try lint(["Kernel"], in: root)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains(":3:"))
        #expect(result.stdout.contains(":4:"))
    }

    @Test func theRealTreeIsClean() throws {
        let result = try lint(["Kernel", "Actors"])
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(try lint(["--self-test"]).exitCode == 0)
    }
}
