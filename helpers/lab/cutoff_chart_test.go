package lab

import (
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/guard"
	"github.com/go-concurrency-lab/course/helpers/internal/display"
)

func TestShowCutOffs(t *testing.T) {
	ms := time.Millisecond
	fast := CutOffWaits{Name: "fast", Outcomes: []guard.Outcome{{Elapsed: ms, Timeout: 20 * ms}, {Elapsed: ms, Timeout: 40 * ms}}}
	slow := CutOffWaits{Name: "slow", Outcomes: []guard.Outcome{{Elapsed: 20 * ms, Timeout: 20 * ms, Blocked: true}, {Elapsed: 40 * ms, Timeout: 40 * ms, Blocked: true}}}
	got := display.Capture(func() {
		ShowCutOffs("waited", chart.Labels{Title: "Waits", Subtitle: "slow hits the cut-off", X: "cut-off (ms)", Y: "wait (ms)"}, fast, slow)
	})
	for _, want := range []string{
		"Waits", "fast: waited, 2 trials",
		"fast: waited median 1ms", "; 0 of 2 hit the cut-off\n",
		"slow: waited median 30ms", "; 2 of 2 hit the cut-off\n",
		"median wait, slow / fast: 30×\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("ShowCutOffs printed no %q:\n%s", want, got)
		}
	}
	if got := display.Capture(func() { ShowCutOffs("waited", chart.Labels{Title: "none"}) }); strings.Contains(got, "median wait") {
		t.Errorf("ShowCutOffs without waits printed a ratio:\n%s", got)
	}
}
