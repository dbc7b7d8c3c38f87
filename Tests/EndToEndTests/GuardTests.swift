import Foundation
import Testing

/// The executor guards fire on a deliberately bad actor (Tests/GuardProbe).
@Suite struct GuardTests {
    func probe(_ mode: String) throws -> CommandRunner.Result {
        try CommandRunner.run(CommandRunner.product("metronome-guard-probe"), [mode])
    }

    @Test func wellBehavedActorRunsToTheEnd() throws {
        let result = try probe("well-behaved")
        #expect(result.exitCode == 0)
        #expect(!result.crashed)
        #expect(result.stdout.contains("well-behaved task ran on the kernel executor"))
    }

    @Test func jobLeakedToTheGlobalExecutorTraps() throws {
        let result = try probe("global-executor")
        #expect(result.crashed)
        #expect(result.stderr.contains("global concurrent executor from the kernel thread"))
        #expect(!result.stdout.contains("ran on the global executor"))
    }

    @Test func enqueueFromAForeignThreadTraps() throws {
        let result = try probe("foreign-thread")
        #expect(result.crashed)
        #expect(result.stderr.contains("enqueued on the kernel executor from a thread other than the kernel thread"))
    }
}
