import Foundation
import Testing

/// `make install` as a user runs it: the binary and the scenario library land under a prefix, and
/// the installed binary finds its library from any working directory.
@Suite struct InstallTests {
    @Test func anInstalledBinaryFindsItsLibraryFromAnyDirectory() throws {
        let prefix = try CommandRunner.temporaryDirectory().appendingPathComponent("prefix")
        let install = try CommandRunner.run("/usr/bin/env", ["make", "--no-print-directory", "install-files", "PREFIX=\(prefix.path)",
                                                             "BINARY=\(CommandRunner.product("metronome"))"])
        #expect(install.exitCode == 0, "\(install.stdout)\(install.stderr)")
        let binary = prefix.appendingPathComponent("bin/metronome").path
        let elsewhere = try CommandRunner.temporaryDirectory()
        let list = try CommandRunner.run(binary, ["scenarios"], in: elsewhere)
        #expect(list.exitCode == 0, "\(list.stdout)\(list.stderr)")
        #expect(list.stdout.contains("calm-day") && list.stdout.contains("sp500-2008"), "\(list.stdout)")
        // A library scenario that reads data files beside the library (../Data) validates too.
        let validate = try CommandRunner.run(binary, ["validate", "sp500-2008"], in: elsewhere)
        #expect(validate.exitCode == 0, "\(validate.stdout)\(validate.stderr)")
        let run = try CommandRunner.run(binary, ["run", "calm-day", "--until", "2m"], in: elsewhere)
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("calm-day"), "\(run.stdout)")
    }
}
