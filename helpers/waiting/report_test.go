package waiting

import (
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/worktime"
)

func TestReport(t *testing.T) {
	work, err := worktime.Exponential(2*ms, 2*ms)
	if err != nil {
		t.Fatal(err)
	}
	sleeps := []time.Duration{4 * ms, 20 * ms}
	trials := []Trial{
		{Workers: 2, Slowest: 5 * ms, Looks: []Look{{At: 4 * ms, Finished: 1}, {At: 20 * ms, Finished: 2}, {At: 5*ms + 10*time.Microsecond, Finished: 2}}},
		{Workers: 2, Slowest: 3 * ms, Looks: []Look{{At: 4 * ms, Finished: 2}, {At: 20 * ms, Finished: 2}, {At: 3*ms + 30*time.Microsecond, Finished: 2}}},
	}
	var out strings.Builder
	slept, waited, err := report(&out, trials, sleeps, work)
	if err != nil {
		t.Fatal(err)
	}
	if len(slept) != 2 || slept[0].Complete.Hits != 1 || slept[1].Complete.Hits != 2 || waited.Complete.Hits != 2 {
		t.Errorf("outcomes = %v, %v; want 1/2 and 2/2 for the sleeps, 2/2 for Wait", slept, waited)
	}
	for _, want := range []string{
		"2 trials of 2 workers, each taking 2ms + exponential(mean 2ms), GOMAXPROCS=",
		"  time.Sleep(4ms ): all done in 1/2 (50%)",
		"independent workers predict 40% all done", // (1 - e^-1)^2
		"  time.Sleep(20ms): all done in 2/2 (100%)",
		"  wg.Wait()       : all done in 2/2 (100%)",
		"Wait returned 20µs after the slowest worker (median; max 30µs)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestReportBadInput(t *testing.T) {
	work, _ := worktime.Exponential(ms, ms)
	ok := []Trial{{Workers: 1, Looks: []Look{{Finished: 1}, {Finished: 1}}}}
	for name, tc := range map[string]struct {
		trials []Trial
		sleeps []time.Duration
		want   string
	}{
		"no trials":      {nil, []time.Duration{ms}, "waiting.Report: waiting.Tally: trials is empty"},
		"too few sleeps": {ok, nil, "waiting.Report: the trials have 2 looks, want one per sleep (0) plus one"},
	} {
		var out strings.Builder
		if _, _, err := report(&out, tc.trials, tc.sleeps, work); err == nil || !strings.Contains(err.Error(), tc.want) || out.Len() != 0 {
			t.Errorf("%s: err = %v, printed %q; want an error containing %q and nothing printed", name, err, out.String(), tc.want)
		}
	}
}
