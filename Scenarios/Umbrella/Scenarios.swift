// The `Scenarios` product: every Scenarios layer under one import, for the CLI, the tests and
// packages that use Metronome. Inside the repository a layer imports only the layers it may
// (docs/architecture.md, "Who may import whom"); this umbrella is for the code above them all.
@_exported import ScenarioDefinition
@_exported import ScenarioPipeline
@_exported import ScenarioFaults
@_exported import ScenarioRunning
@_exported import ScenarioBenchmarks
@_exported import ScenarioReports
@_exported import ScenarioChaos
@_exported import ScenarioEvaluation
@_exported import ScenarioLive
