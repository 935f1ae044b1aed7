package waiting

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/helpers/worktime"
)

// Report tallies trials in which the same workers were watched first by
// time.Sleep(d), for each d in sleeps (in that order), and last by
// wg.Wait(), and prints one line per way of waiting, for example
//
//	80 trials of 8 workers, each taking 2ms + exponential(mean 2ms), GOMAXPROCS=2
//	  time.Sleep(4ms ): all done in 9/80 (11.2%), 95% CI 6–20%; 137µs wasted on average; independent workers predict 12% all done
//	  ...
//	  wg.Wait()       : all done in 80/80 (100%), 95% CI 95–100%; 31µs wasted on average; Wait returned 24µs after the slowest worker (median; max 96µs)
//
// The share that "independent workers predict" is work.AllDoneBy(workers, d):
// the same probability worked out on paper. Report returns the outcomes of
// the sleeps, in the order of sleeps, and the WaitGroup's, for a chart.
//
// Report returns an error, and prints nothing, if [Tally] does, or if the
// trials do not have exactly one look per sleep plus one for wg.Wait().
func Report(trials []Trial, sleeps []time.Duration, work worktime.Distribution) (slept []Outcome, waited Outcome, err error) {
	return report(os.Stdout, trials, sleeps, work)
}

func report(w io.Writer, trials []Trial, sleeps []time.Duration, work worktime.Distribution) ([]Outcome, Outcome, error) {
	outcomes, err := Tally(trials)
	if err != nil {
		return nil, Outcome{}, fmt.Errorf("waiting.Report: %w", err)
	}
	if len(outcomes) != len(sleeps)+1 {
		return nil, Outcome{}, fmt.Errorf("waiting.Report: the trials have %d looks, want one per sleep (%d) plus one for wg.Wait()", len(outcomes), len(sleeps))
	}
	slept, waited := outcomes[:len(sleeps)], outcomes[len(sleeps)]
	workers := trials[0].Workers
	var b strings.Builder
	fmt.Fprintf(&b, "%d trials of %d workers, each taking %v, GOMAXPROCS=%d\n", len(trials), workers, work, runtime.GOMAXPROCS(0))
	for i, d := range sleeps {
		predicted, _ := work.AllDoneBy(workers, d) // workers >= 1: Tally checked
		fmt.Fprintf(&b, "  time.Sleep(%-4v): %v; independent workers predict %.0f%% all done\n", d, slept[i], predicted*100)
	}
	fmt.Fprintf(&b, "  wg.Wait()       : %v; Wait returned %v after the slowest worker (median; max %v)\n",
		waited, time.Duration(waited.Late.Median).Round(time.Microsecond), time.Duration(waited.Late.Max).Round(time.Microsecond))
	_, err = io.WriteString(w, b.String())
	return slept, waited, err
}
