package lab

import (
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunSweepBadInput(t *testing.T) {
	yes := func(int) bool { return true }
	good := Sweep{Procs: []int{1}, Sizes: []int{1}, Trials: 1}
	tests := []struct {
		name  string
		sweep Sweep
		trial func(int) bool
		want  string
	}{
		{"no procs", Sweep{Sizes: []int{1}, Trials: 1}, yes, "lab.RunSweep: Sweep.Procs is empty"},
		{"no sizes", Sweep{Procs: []int{1}, Trials: 1}, yes, "lab.RunSweep: Sweep.Sizes is empty"},
		{"no trials", Sweep{Procs: []int{1}, Sizes: []int{1}}, yes, "lab.RunSweep: Sweep.Trials must be >= 1, got 0"},
		{"negative trials", Sweep{Procs: []int{1}, Sizes: []int{1}, Trials: -5}, yes, "lab.RunSweep: Sweep.Trials must be >= 1, got -5"},
		{"negative timeout", Sweep{Procs: []int{1}, Sizes: []int{1}, Trials: 1, Timeout: -time.Second}, yes, "lab.RunSweep: Sweep.Timeout must be >= 0, got -1s"},
		{"procs 0", Sweep{Procs: []int{2, 0}, Sizes: []int{1}, Trials: 1}, yes, "lab.RunSweep: Sweep.Procs[1] must be between 1 and 256, got 0"},
		{"procs too many", Sweep{Procs: []int{257}, Sizes: []int{1}, Trials: 1}, yes, "lab.RunSweep: Sweep.Procs[0] must be between 1 and 256, got 257"},
		{"nil trial", good, nil, "lab.RunSweep: trial is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := RunSweep(tt.sweep, tt.trial)
			if err == nil || err.Error() != tt.want {
				t.Errorf("RunSweep error = %v, want %q", err, tt.want)
			}
			if r.Yes != nil {
				t.Errorf("RunSweep returned results with an error: %+v", r)
			}
		})
	}
}

func TestRunSweepCountsEveryPoint(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	var calls atomic.Int64
	g := Sweep{Procs: []int{1, 3}, Sizes: []int{2, 5, 8}, Trials: 7}
	r, err := RunSweep(g, func(size int) bool {
		calls.Add(1)
		// yes for sizes above 4 at GOMAXPROCS=3 only
		return size > 4 && runtime.GOMAXPROCS(0) == 3
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 2*3*7 {
		t.Errorf("trial called %d times, want %d", n, 2*3*7)
	}
	if after := runtime.GOMAXPROCS(0); after != before {
		t.Errorf("GOMAXPROCS is %d after RunSweep, want it restored to %d", after, before)
	}
	want := [][]int{{0, 0, 0}, {0, 7, 7}}
	for i := range want {
		for j, hits := range want[i] {
			if s := r.Yes[i][j]; s.Hits != hits || s.Total != 7 {
				t.Errorf("Yes[%d][%d] = %v, want %d/7", i, j, s, hits)
			}
		}
	}
	if tot := r.Total(); tot.Hits != 14 || tot.Total != 42 {
		t.Errorf("Total = %v, want 14/42", tot)
	}
	if w := r.Worst("worst"); !w.Dashed || len(w.Y) != 3 || w.Y[0] != 0 || w.Y[1] != 100 || w.Y[2] != 100 {
		t.Errorf("Worst = %+v, want a dashed line 0, 100, 100", w)
	}
	lines := r.Lines("P=%d")
	if len(lines) != 2 || lines[1].Name != "P=3" || lines[1].Y[1] != 100 || lines[0].High[0] <= 0 || lines[1].Low[1] >= 100 {
		t.Errorf("Lines = %+v, want two lines with 95%% bands", lines)
	}
	if r.Hits(-1) != nil || r.Hits(2) != nil {
		t.Errorf("Hits of a setting not in the sweep is not nil")
	}
}

// A blocked trial costs one timeout and counts as failed and as "no".
func TestRunSweepBlockedTrial(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	r, err := RunSweep(Sweep{Procs: []int{2}, Sizes: []int{1}, Trials: 3, Timeout: 20 * time.Millisecond}, func(int) bool {
		<-release
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Failed != 3 || r.Yes[0][0].Hits != 0 || !strings.Contains(r.FirstFailure, "blocked") || !strings.HasPrefix(r.FirstFailure, "GOMAXPROCS=2, size 1: blocked") {
		t.Errorf("Failed %d, Yes %v, FirstFailure %q; want 3 blocked trials counted as no", r.Failed, r.Yes[0][0], r.FirstFailure)
	}
	if f := r.Failures(); !strings.HasPrefix(f, "panicked or blocked in 3 of 3 trials (first: GOMAXPROCS=2") {
		t.Errorf("Failures() = %q", f)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("3 blocked trials took %v, want about 3 timeouts of 20ms", took)
	}
}
