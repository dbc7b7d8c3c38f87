import FuzzSupport
import Scenarios

/// libFuzzer target: the bytes are a scenario file. Runs what `metronome validate` runs on it —
/// the strict YAML loader from text to a checked ``Scenario`` — and renders the error a user
/// would see. Bytes that are not UTF-8 stop where `validate` stops them (it cannot read the
/// file as text). Any ``ScenarioError`` is fine; a trap, a crash or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioLoader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    do {
        let scenario = try ScenarioLoader.parse(text, file: "fuzz.yaml")
        ScenarioLoaderFuzzer.blackHole(scenario.universe.count &+ scenario.feeds.count &+ scenario.agents.count)
    } catch {
        ScenarioLoaderFuzzer.blackHole(error.description.utf8.count)
    }
    return 0
}

enum ScenarioLoaderFuzzer {
    @inline(never)
    static func blackHole(_ value: Int) { if value == -1 { print(value) } }
}
