import Foundation
import Testing

/// The Scenarios modules import only what docs/architecture.md ("Who may import whom") allows.
///
/// SwiftPM lets a target import any module already built beside it, even one its manifest does not
/// list, so the compiler alone does not keep the layers apart: this test reads the rule from the
/// document and every `import` line of the modules' sources.
@Suite struct ModuleImportRuleTests {
    /// One row of the document's table.
    struct Rule {
        var module: String
        var folder: String
        var mayImport: [String]
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The table under "## Who may import whom": `module` | `folder` | `imports`, …; the row whose
    /// module is `*` lists what every module may import (the system's modules).
    static func rules() throws -> (modules: [Rule], everyModule: [String]) {
        let text = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        guard let section = text.range(of: "## Who may import whom") else { throw RuleError("docs/architecture.md: no \"## Who may import whom\" section") }
        let body = text[section.upperBound...]
        var modules: [Rule] = []
        var everyModule: [String] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { break }
            guard line.hasPrefix("|") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init)
            guard cells.count == 3, let module = backticked(cells[0]).first else { continue }
            let imports = backticked(cells[2])
            if module == "*" { everyModule = imports } else { modules.append(Rule(module: module, folder: backticked(cells[1]).first ?? "", mayImport: imports)) }
        }
        return (modules, everyModule)
    }

    static func backticked(_ cell: String) -> [String] {
        cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// The modules a Swift source imports (`import X`, `@testable import X`, `import struct X.Y`, …).
    static func imports(of source: String) -> [(line: Int, module: String)] {
        var found: [(Int, String)] = []
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var words = line.split(separator: " ").map(String.init)
            while let first = words.first, first.hasPrefix("@") { words.removeFirst() }
            guard words.first == "import", words.count >= 2 else { continue }
            let path = ["typealias", "struct", "class", "enum", "protocol", "let", "var", "func"].contains(words[1]) && words.count >= 3 ? words[2] : words[1]
            found.append((index + 1, String(path.split(separator: ".")[0])))
        }
        return found
    }

    static func swiftFiles(under folder: String) throws -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { throw RuleError("\(folder): no such folder") }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { "\(folder)/\($0)" }.sorted()
    }

    @Test func everyImportIsAllowed() throws {
        let (modules, everyModule) = try ModuleImportRuleTests.rules()
        #expect(modules.count >= 10, "the table lists the Scenarios modules and the CLI")
        #expect(everyModule.contains("Foundation"))
        var forbidden: [String] = []
        for rule in modules {
            let files = try ModuleImportRuleTests.swiftFiles(under: rule.folder)
            #expect(!files.isEmpty, "\(rule.module): no sources under \(rule.folder)")
            for file in files {
                let source = try String(contentsOf: ModuleImportRuleTests.root.appendingPathComponent(file), encoding: .utf8)
                for (line, module) in ModuleImportRuleTests.imports(of: source)
                where !rule.mayImport.contains(module) && !everyModule.contains(module) {
                    forbidden.append("\(file):\(line): \(rule.module) imports \(module)")
                }
            }
        }
        #expect(forbidden.isEmpty, "imports docs/architecture.md does not allow:\n\(forbidden.joined(separator: "\n"))")
    }

    /// Each module imports only modules above it in the table: the layers cannot form a cycle.
    @Test func theRuleHasNoCycle() throws {
        let (modules, _) = try ModuleImportRuleTests.rules()
        let names = modules.map(\.module)
        for (position, rule) in modules.enumerated() {
            for imported in rule.mayImport {
                guard let at = names.firstIndex(of: imported) else { continue }
                #expect(at < position, "\(rule.module) may import \(imported), listed below it")
            }
        }
    }

    /// Every Swift source under Scenarios/ belongs to exactly one module of the table: a new folder
    /// cannot escape the rule.
    @Test func everySourceHasARule() throws {
        let (modules, _) = try ModuleImportRuleTests.rules()
        let all = try ModuleImportRuleTests.swiftFiles(under: "Scenarios")
        for file in all {
            let owners = modules.filter { file.hasPrefix($0.folder + "/") }
            #expect(owners.count == 1, "\(file): in \(owners.count) modules' folders of docs/architecture.md")
        }
        #expect(all.count > 100, "found \(all.count) sources under Scenarios")
    }

    /// Package.swift gives each module exactly the dependencies its row lists: a target cannot
    /// link a package its layer may not import, nor miss one it may.
    @Test func theManifestListsWhatTheTableAllows() throws {
        let (modules, _) = try ModuleImportRuleTests.rules()
        let manifest = try String(contentsOf: ModuleImportRuleTests.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        for rule in modules {
            let listed = try #require(ModuleImportRuleTests.dependencies(of: rule.module, in: manifest), "Package.swift: no target \(rule.module)")
            #expect(listed.sorted() == rule.mayImport.sorted(), "\(rule.module): Package.swift lists \(listed.sorted()), the table \(rule.mayImport.sorted())")
        }
    }

    /// The module names in a target's `dependencies: [...]` (which follows its name): plain names
    /// and products' names.
    static func dependencies(of target: String, in manifest: String) -> [String]? {
        guard let list = manifest.range(of: #"name: "\#(target)",\s*dependencies: \["#, options: .regularExpression),
              let close = manifest[list.upperBound...].firstIndex(of: "]") else { return nil }
        let entries = manifest[list.upperBound..<close].replacingOccurrences(of: #"package: "[^"]*""#, with: "", options: .regularExpression)
        return entries.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @Test func theImportParserReadsEveryForm() {
        let source = "import Foundation\n@testable import Kernel\n@_exported import ScenarioRunning\nimport struct Yams.Node\n// import Nothing\n"
        #expect(ModuleImportRuleTests.imports(of: source).map(\.module) == ["Foundation", "Kernel", "ScenarioRunning", "Yams"])
        #expect(ModuleImportRuleTests.imports(of: source).map(\.line) == [1, 2, 3, 4])
    }

    struct RuleError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
