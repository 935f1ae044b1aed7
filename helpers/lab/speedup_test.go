package lab

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestSpeedUpBadInput(t *testing.T) {
	called := false
	way := func() { called = true }
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"SpeedUp n=0", func() error { _, err := SpeedUp([]int{1}, 0, way, way); return err },
			"lab.SpeedUp: n must be >= 1, got 0"},
		{"SpeedUp n<0", func() error { _, err := SpeedUp([]int{1}, -4, way, way); return err },
			"lab.SpeedUp: n must be >= 1, got -4"},
		{"SpeedUp no procs", func() error { _, err := SpeedUp(nil, 3, way, way); return err },
			"lab.SpeedUp: procs is empty"},
		{"SpeedUp procs 0", func() error { _, err := SpeedUp([]int{1, 0}, 3, way, way); return err },
			"lab.SpeedUp: procs[1] must be between 1 and 256, got 0"},
		{"SpeedUp procs too many", func() error { _, err := SpeedUp([]int{257}, 3, way, way); return err },
			"lab.SpeedUp: procs[0] must be between 1 and 256, got 257"},
		{"SpeedUp nil baseline", func() error { _, err := SpeedUp([]int{1}, 3, nil, way); return err },
			"lab.SpeedUp: baseline is nil"},
		{"SpeedUp nil candidate", func() error { _, err := SpeedUp([]int{1}, 3, way, nil); return err },
			"lab.SpeedUp: candidate is nil"},
		{"Milliseconds n=0", func() error { _, err := Milliseconds(0, way); return err },
			"lab.Milliseconds: n must be >= 1, got 0"},
		{"Milliseconds no ways", func() error { _, err := Milliseconds(3); return err },
			"lab.Milliseconds: ways is empty"},
		{"Milliseconds nil way", func() error { _, err := Milliseconds(3, way, nil); return err },
			"lab.Milliseconds: ways[1] is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got error %v, want %q", err, tt.want)
			}
		})
	}
	if called {
		t.Error("a way was called despite bad input")
	}
}

// TestSpeedUpOfWaiting: four sleeps at once take about one sleep, even on one P,
// and GOMAXPROCS is set for each setting and restored at the end.
func TestSpeedUpOfWaiting(t *testing.T) {
	const tasks, sleep = 4, 5 * time.Millisecond
	before := runtime.GOMAXPROCS(0)
	var seen []int // GOMAXPROCS during each call of the candidate
	oneByOne := func() {
		for range tasks {
			time.Sleep(sleep)
		}
	}
	allAtOnce := func() {
		seen = append(seen, runtime.GOMAXPROCS(0))
		var wg sync.WaitGroup
		for range tasks {
			wg.Go(func() { time.Sleep(sleep) })
		}
		wg.Wait()
	}
	got, err := SpeedUp([]int{1, 2}, 5, oneByOne, allAtOnce)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("speed-ups: GOMAXPROCS=1 %v; GOMAXPROCS=2 %v", got[0], got[1])
	if len(got) != 2 {
		t.Fatalf("got %d summaries, want 2", len(got))
	}
	for i, s := range got {
		if s.Count != 5 {
			t.Errorf("summary %d has %d ratios, want 5", i, s.Count)
		}
		if s.Median < 2.5 || s.Median > tasks*1.2 {
			t.Errorf("summary %d: speed-up of %d sleeps %.2f, want about %d", i, tasks, s.Median, tasks)
		}
	}
	if want := []int{1, 2, 1, 2, 1, 2, 1, 2, 1, 2}; !slices.Equal(seen, want) {
		t.Errorf("the candidate ran under GOMAXPROCS %v, want %v (every setting once per trial)", seen, want)
	}
	if after := runtime.GOMAXPROCS(0); after != before {
		t.Errorf("GOMAXPROCS is %d after SpeedUp, want %d as before", after, before)
	}
}

func TestSpeedUpProcs(t *testing.T) {
	for _, tt := range []struct {
		cores int
		want  []int
	}{
		{0, []int{1, 2}},
		{1, []int{1, 2}},
		{2, []int{1, 2, 3, 4}},
		{3, []int{1, 2, 3, 4, 6}},
		{12, []int{1, 2, 3, 4, 8, 12, 16, 24}},
		{200, []int{1, 2, 3, 4, 8, 16, 32, 64, 128, 200, 256}},
	} {
		if got := SpeedUpProcs(tt.cores); !slices.Equal(got, tt.want) {
			t.Errorf("SpeedUpProcs(%d) = %v, want %v", tt.cores, got, tt.want)
		}
	}
}

// TestMillisecondsInterleaves: every trial runs every way once, in order, and each
// summary holds its way's times in milliseconds.
func TestMillisecondsInterleaves(t *testing.T) {
	var order []int
	way := func(i int, d time.Duration) func() {
		return func() { order = append(order, i); time.Sleep(d) }
	}
	// Far-apart sleeps, so that a busy machine cannot reorder the medians.
	got, err := Milliseconds(3, way(0, 60*time.Millisecond), way(1, time.Millisecond), way(2, 30*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 1, 2, 0, 1, 2, 0, 1, 2}; !slices.Equal(order, want) {
		t.Errorf("the ways ran in the order %v, want %v", order, want)
	}
	for i, wantMs := range []float64{60, 1, 30} {
		if s := got[i]; s.Count != 3 || s.Min < wantMs || s.Median > wantMs+25 {
			t.Errorf("way %d (sleeps %vms): %v, want 3 times of about %vms", i, wantMs, s, wantMs)
		}
	}
	if fastest := leastMedian(got); fastest != 1 {
		t.Errorf("LeastMedian = %d, want 1 (the 1ms way)", fastest)
	}
}

func TestSummaries(t *testing.T) {
	s := Summaries{
		{Median: 3, MedianLow: 2, MedianHigh: 4},
		{Median: 1, MedianLow: 0.5, MedianHigh: 1.5},
		{Median: 1, MedianLow: 0.9, MedianHigh: 1.1},
	}
	l := line("measured", s)
	if l.Name != "measured" || !slices.Equal(l.Y, []float64{3, 1, 1}) ||
		!slices.Equal(l.Low, []float64{2, 0.5, 0.9}) || !slices.Equal(l.High, []float64{4, 1.5, 1.1}) || l.Dashed {
		t.Errorf("line = %+v", l)
	}
	if got := leastMedian(s); got != 1 {
		t.Errorf("LeastMedian = %d, want 1 (the first of the equal least medians)", got)
	}
	if got := leastMedian(nil); got != -1 {
		t.Errorf("LeastMedian of no summaries = %d, want -1", got)
	}
	if l := line("none", nil); l.Y != nil || l.Low != nil || l.High != nil {
		t.Errorf("line of no summaries = %+v, want no points", l)
	}
}
