// Used by notebook 08 (08_patterns.ipynb).

package lab

import (
	"errors"
	"fmt"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/helpers/trials"
	"github.com/go-concurrency-lab/course/helpers/workload"
)

// Cost is what one way of running a batch of jobs cost, over several rounds.
type Cost struct {
	Time   stats.Summary // wall-clock time of a round, in nanoseconds
	Memory stats.Summary // the peak memory of a round above its start (see PeakMemory), in bytes
}

// MeasureCosts runs every way rounds times, the ways taking turns within each
// round (on a [trials.Grid], with its progress bar), and returns one Cost per
// way, in order. Before each run it calls workload.ReleaseMemory, so that a
// run does not pay for the garbage of the one before; it times the run on the
// wall clock and measures its peak memory with [PeakMemory], sampling every
// 100µs. The ways themselves, with their goroutines, stay with the caller.
//
// MeasureCosts returns an error, without calling a way, if rounds < 1, ways is
// empty or a way is nil.
func MeasureCosts(rounds int, ways ...func()) ([]Cost, error) {
	const fn = "lab.MeasureCosts"
	switch {
	case rounds < 1:
		return nil, fmt.Errorf("%s: rounds must be >= 1, got %d", fn, rounds)
	case len(ways) == 0:
		return nil, errors.New(fn + ": ways is empty")
	}
	for i, way := range ways {
		if way == nil {
			return nil, fmt.Errorf("%s: ways[%d] is nil", fn, i)
		}
	}
	type run struct{ elapsed, memory float64 }
	grid := trials.Grid[run]{Settings: 1, Contenders: len(ways), Rounds: rounds, Progress: "rounds"}
	results, err := grid.Run(func(c trials.Cell) (run, error) {
		workload.ReleaseMemory()
		start := time.Now()
		memory, err := PeakMemory(100*time.Microsecond, ways[c.Contender])
		return run{float64(time.Since(start)), memory}, err
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	costs := make([]Cost, len(ways))
	for k, runs := range results.Values[0] {
		times, memories := make([]float64, len(runs)), make([]float64, len(runs))
		for i, r := range runs {
			times[i], memories[i] = r.elapsed, r.memory
		}
		if costs[k].Time, err = stats.Summarize(times); err != nil {
			return nil, fmt.Errorf("%s: ways[%d]: %w", fn, k, err)
		}
		if costs[k].Memory, err = stats.Summarize(memories); err != nil {
			return nil, fmt.Errorf("%s: ways[%d]: %w", fn, k, err)
		}
	}
	return costs, nil
}
