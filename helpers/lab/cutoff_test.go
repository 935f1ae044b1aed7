package lab

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/guard"
)

func TestCompareCutOffsBadInput(t *testing.T) {
	ms := time.Millisecond
	quick := func(_ int, c time.Duration) guard.Outcome { return guard.Run(c, func() {}) }
	tests := []struct {
		name    string
		names   []string
		cutoffs []time.Duration
		each    int
		wait    func(int, time.Duration) guard.Outcome
		want    string
	}{
		{"no names", nil, []time.Duration{ms}, 1, quick, "lab.CompareCutOffs: names is empty"},
		{"no cutoffs", []string{"a"}, nil, 1, quick, "lab.CompareCutOffs: cutoffs is empty"},
		{"each 0", []string{"a"}, []time.Duration{ms}, 0, quick, "lab.CompareCutOffs: each must be >= 1, got 0"},
		{"nil wait", []string{"a"}, []time.Duration{ms}, 1, nil, "lab.CompareCutOffs: wait is nil"},
		{"cutoff 0", []string{"a"}, []time.Duration{ms, 0}, 1, quick, "lab.CompareCutOffs: cutoffs[1] must be > 0, got 0s"},
		{"cutoff < 0", []string{"a"}, []time.Duration{-ms}, 1, quick, "lab.CompareCutOffs: cutoffs[0] must be > 0, got -1ms"},
		{"outcome error", []string{"a"}, []time.Duration{ms}, 1,
			func(int, time.Duration) guard.Outcome { return guard.Run(ms, nil) },
			"lab.CompareCutOffs: a at cut-off 1ms: guard.Run: f is nil"},
		{"panicked", []string{"a", "b"}, []time.Duration{ms}, 1,
			func(k int, c time.Duration) guard.Outcome {
				return guard.Run(c, func() {
					if k == 1 {
						panic("oops")
					}
				})
			}, "lab.CompareCutOffs: b at cut-off 1ms: the wait panicked: oops"},
		{"other timeout", []string{"a"}, []time.Duration{ms}, 1,
			func(int, time.Duration) guard.Outcome { return guard.Run(time.Second, func() {}) },
			"lab.CompareCutOffs: a at cut-off 1ms: the Outcome's timeout is 1s: pass the cut-off to guard.Run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := CompareCutOffs(tt.names, tt.cutoffs, tt.each, tt.wait)
			if err == nil || w != nil {
				t.Fatalf("got %v and no error, want %q", w, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got error %q, want %q", err, tt.want)
			}
		})
	}
}

func TestCompareCutOffsBadInputDoesNotWait(t *testing.T) {
	called := false
	wait := func(int, time.Duration) guard.Outcome { called = true; return guard.Outcome{} }
	CompareCutOffs(nil, []time.Duration{time.Millisecond}, 1, wait)
	CompareCutOffs([]string{"a"}, []time.Duration{0}, 1, wait)
	CompareCutOffs([]string{"a"}, []time.Duration{time.Millisecond}, 0, wait)
	if called {
		t.Error("wait was called despite bad input")
	}
}

// A wait that ends on its own stays short; one that never ends hits every cut-off.
func TestCompareCutOffsTellsStarvationApart(t *testing.T) {
	cutoffs := []time.Duration{5 * time.Millisecond, 10 * time.Millisecond}
	var order []string
	waits, err := CompareCutOffs([]string{"short", "never"}, cutoffs, 2, func(k int, c time.Duration) guard.Outcome {
		order = append(order, []string{"s", "n"}[k]+c.String())
		if k == 0 {
			return guard.Run(c, func() {})
		}
		var mu sync.Mutex
		mu.Lock() // held for good: the waiter never gets it
		return guard.Run(c, func() { mu.Lock() })
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(order, " "), "s5ms n5ms s5ms n5ms s10ms n10ms s10ms n10ms"; got != want {
		t.Errorf("order %s, want %s", got, want)
	}
	short, never := waits[0], waits[1]
	if short.Name != "short" || len(short.Outcomes) != 4 || short.CutOff() != 0 || short.Median() >= 5*time.Millisecond {
		t.Errorf("short: %v", short)
	}
	if never.CutOff() != 4 || never.Median() < 5*time.Millisecond {
		t.Errorf("never: %v", never)
	}
	if s := never.String(); !strings.HasPrefix(s, "median ") || !strings.HasSuffix(s, "; 4 of 4 hit the cut-off") {
		t.Errorf("String = %q", s)
	}
	p := never.Points()
	if p.Name != "never" || len(p.X) != 4 || p.X[0] != 5 || p.X[3] != 10 || p.Y[3] < 10 {
		t.Errorf("Points = %+v", p)
	}
	c := cutOffChart(chart.Labels{Title: "waits"}, waits...)
	if c.Err() != nil {
		t.Fatal(c.Err())
	}
	if text := c.Text(); !strings.Contains(text, "cut-off") || !strings.Contains(text, "never") {
		t.Errorf("chart text:\n%s", text)
	}
}

func TestEmptyCutOffWaits(t *testing.T) {
	var w CutOffWaits
	if w.String() != "no waits" || w.Median() != 0 || w.CutOff() != 0 || len(w.Durations()) != 0 {
		t.Errorf("empty CutOffWaits: %q %v %v", w, w.Median(), w.CutOff())
	}
	if err := cutOffChart(chart.Labels{}, w).Err(); err == nil {
		t.Error("a chart of no waits has no error")
	}
}
