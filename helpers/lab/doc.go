// Package lab is the home of the helpers that serve a single notebook: the
// bookkeeping around one experiment, which no other notebook needs (yet).
//
// Each file starts with a comment that names the notebook it serves, for
// example "// Used by notebook 04 (04_mutex.ipynb).", and its drawing code,
// the converters from its results to chart series, sits in a file of its own
// (lostupdates_chart.go), so that the measuring code does not draw.
//
// The rule: a helper moves to the package of its job (trials, stats, chart,
// workload, …) once a second notebook needs it.
//
// The first line of each file names the notebook it serves:
// "grep -l 'notebook 04' helpers/lab/*.go" lists notebook 04's. For example,
// notebook 04 calls [Repeat] to measure how often a [Counter] loses updates,
// and [LostBars] to draw the shares. What lab holds, by notebook:
//   - 01: [SpeedUp] and [Milliseconds] time ways of running a job side by
//     side, [ShowSpeedUps] and [ShowSplits] draw them (speedup.go);
//   - 02: [PeekAfterSleeps] looks at a goroutine after main slept (peek.go),
//     [ShowGoroutines] draws what goroutines cost in memory;
//   - 03: [Track] and [ReportWaiting] tell waiting from sleeping (waiting.go),
//     [RunSweep] counts a timing bug over GOMAXPROCS × sizes (sweep.go);
//   - 04: [Repeat] counts lost updates (lostupdates.go);
//   - 05: [ShowRates] draws a [trials.RateGrid]'s rates, [CompareCutOffs] and
//     [ShowCutOffs] tell a starved writer from a slow one (cutoff.go);
//   - 06: [AsTheyFinish] grades a channel of results that should arrive as
//     their jobs finish (channels_check.go);
//   - 07: [CaseShares] tallies which select case won; [LateBars], [StopPoints]
//     and [WorkDoneBars] chart timeouts, cancellation and an errgroup's skipped
//     work; [WhereBlocked] summarises where goroutines wait (leaks.go) and
//     [EveryNth] draws goroutine counts;
//   - 08: [InFlight] counts jobs running and their peak, [MeasureCosts] and
//     [PeakMemory] time ways of running jobs and their memory (pool_*.go),
//     [NewSite] is exercise 1's web site, [PipelineRate] and [OutOfPlace]
//     measure a pipeline and its order (pipeline_*.go); pool_chart.go draws them.
//
// Bad input is reported as an error that names the function, the parameter and
// the value, for example "lab.PeekAfterSleeps: n must be > 0, got 0". No
// function in this package panics.
package lab
