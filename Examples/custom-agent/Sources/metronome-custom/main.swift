import MetronomeCommandLine
import Scenarios

// `metronome-custom`: Metronome's whole command line, with one more agent type.
var registry = ComponentRegistry()
registry.registerAgent(type: "range-breakout", version: 1, parameters: ["window"]) { parameters, universe throws(ScenarioError) in
    RangeBreakoutModel(symbolCount: universe.count, window: try parameters.integer("window", default: 30, range: 2...10_000))
}
registry.registerValue(id: RangeBreakoutModel.rangeWidthID, name: "range_width")
Metronome.main(registry: registry)
