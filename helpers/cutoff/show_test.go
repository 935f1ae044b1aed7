package cutoff

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/display"
	"github.com/go-concurrency-lab/course/helpers/guard"
)

func TestShow(t *testing.T) {
	var out bytes.Buffer
	saved := display.Stdout
	display.Stdout = &out
	defer func() { display.Stdout = saved }()
	ms := time.Millisecond
	fast := Waits{Name: "fast", Outcomes: []guard.Outcome{{Elapsed: ms, Timeout: 20 * ms}, {Elapsed: ms, Timeout: 40 * ms}}}
	slow := Waits{Name: "slow", Outcomes: []guard.Outcome{{Elapsed: 20 * ms, Timeout: 20 * ms, Blocked: true}, {Elapsed: 40 * ms, Timeout: 40 * ms, Blocked: true}}}
	Show("waited", chart.Labels{Title: "Waits", Subtitle: "slow hits the cut-off", X: "cut-off (ms)", Y: "wait (ms)"}, fast, slow)
	got := out.String()
	for _, want := range []string{
		"Waits", "fast: waited, 2 trials",
		"fast: waited median 1ms", "; 0 of 2 hit the cut-off\n",
		"slow: waited median 30ms", "; 2 of 2 hit the cut-off\n",
		"median wait, slow / fast: 30×\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Show printed no %q:\n%s", want, got)
		}
	}
	out.Reset()
	Show("waited", chart.Labels{Title: "none"})
	if strings.Contains(out.String(), "median wait") {
		t.Errorf("Show without waits printed a ratio:\n%s", out.String())
	}
}
