package coursetest_test

import (
	"strings"
	"testing"
)

// TestNotebook00 checks what the start-here notebook shows a new learner.
func TestNotebook00(t *testing.T) {
	nb := run(t, "00_start_here.ipynb")

	setup := nb.CodeCells()[1].Text()
	for _, want := range []string{"go1.", "GoNB v", "GOMAXPROCS="} {
		if !strings.Contains(setup, want) {
			t.Errorf("the machine cell lacks %q:\n%s", want, setup)
		}
	}

	// The channels primer: a receive waits for the value; a receive from a closed channel does not wait.
	primer := cell(t, nb, "channels").Stdout()
	for _, want := range []string{"ping", "done is closed: the receive did not wait"} {
		if !strings.Contains(primer, want) {
			t.Errorf("the channels primer did not print %q:\n%s", want, primer)
		}
	}

	// The first experiment: 5000 round trips, drawn as a ladder of percentiles.
	c := cell(t, nb, "first-experiment")
	ch := charts(t, nb, "first-experiment", 1)[0]
	if ch.Kind != "bars" {
		t.Errorf("chart kind = %q, want bars", ch.Kind)
	}
	ladder := series(t, ch, "round trip")
	if len(ladder) != 5 {
		t.Fatalf("the ladder has %d bars, want 5 (median … slowest)", len(ladder))
	}
	for i := 1; i < len(ladder); i++ {
		if !(ladder[i] >= ladder[i-1]) {
			t.Errorf("percentiles are not in order: %v", ladder)
		}
	}
	// The prose: guess (a), "about a microsecond or less" (about half a microsecond on a
	// 2-core test machine), not (b) "about a hundred microseconds".
	// The bound is loose (a loaded CI machine) but still tells (a) from (b).
	if !(ladder[0] > 0) || ladder[0] >= 10 {
		t.Errorf("median round trip = %v µs, want > 0 and under 10 µs (about a microsecond or less, not a hundred)", ladder[0])
	}
	// The tail: the slowest round trips take ten or a hundred times the median.
	if slowest := ladder[len(ladder)-1]; !(slowest >= 10*ladder[0]) {
		t.Errorf("slowest round trip %v µs, median %v µs: want the slowest at least 10× the median", slowest, ladder[0])
	}
	if n := number(t, c.Stdout(), `(\d+) round trips: median`); n != 5000 {
		t.Errorf("summary line reports %v round trips, want 5000", n)
	}
}
