import MetronomeCommandLine

// `metronome` with Metronome's own components. A package with components of its own builds its
// executable the same way, with `Metronome.main(registry:)` (docs/extending.md).
Metronome.main()
