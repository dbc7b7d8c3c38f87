import Foundation

/// Finds a scenario by path or by library name (`calm-day` → Scenarios/Library/calm-day.yaml).
public enum ScenarioLocator {
    /// Library folders to search, most specific first: `$METRONOME_LIBRARY`, the working
    /// directory's Scenarios/Library, the installed library (`PREFIX/share/metronome/Library`
    /// beside `PREFIX/bin/metronome`, as `make install` lays it out), and the one beside the
    /// executable's checkout.
    public static func libraryDirectories() -> [String] {
        var directories: [String] = []
        if let override = ProcessInfo.processInfo.environment["METRONOME_LIBRARY"] { directories.append(override) }
        directories.append(FileManager.default.currentDirectoryPath + "/Scenarios/Library")
        var url = executableDirectory()
        directories.append(url.deletingLastPathComponent().appendingPathComponent("share/metronome/Library").path)
        for _ in 0..<5 {
            directories.append(url.appendingPathComponent("Scenarios/Library").path)
            url.deleteLastPathComponent()
        }
        return directories
    }

    /// The folder of the running executable, symbolic links resolved. `/proc/self/exe` first:
    /// `argv[0]` is only a name when the binary was found through `PATH`.
    static func executableDirectory() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The path to read for `nameOrPath`, or nil if neither a file nor a library name.
    public static func resolve(_ nameOrPath: String) -> String? {
        if FileManager.default.fileExists(atPath: nameOrPath) { return nameOrPath }
        guard !nameOrPath.contains("/") else { return nil }
        let stem = nameOrPath.hasSuffix(".yaml") ? String(nameOrPath.dropLast(5)) : nameOrPath
        for directory in libraryDirectories() {
            let candidate = directory + "/" + stem + ".yaml"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The library's scenario files, sorted by name.
    public static func library() -> [String] {
        for directory in libraryDirectories() {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
                let files = names.filter { $0.hasSuffix(".yaml") }.sorted()
                if !files.isEmpty { return files.map { directory + "/" + $0 } }
            }
        }
        return []
    }
}
