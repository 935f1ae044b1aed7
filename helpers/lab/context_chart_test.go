package lab_test

import (
	"math"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/lab"
)

func TestLateBars(t *testing.T) {
	ms := time.Millisecond
	b := lab.LateBars("time.After", [][]time.Duration{{3 * ms, 4 * ms, 11 * ms}, nil}, 2*ms)
	if b.Name != "time.After" || b.Values[0] != 2 || b.Low[0] != 1 || b.High[0] != 9 {
		t.Errorf("got %+v, want median 2, min 1, max 9 ms", b)
	}
	if !math.IsNaN(b.Values[1]) {
		t.Errorf("a setting without durations gave %v, want NaN", b.Values[1])
	}
}

func TestStopPoints(t *testing.T) {
	ms := time.Millisecond
	line := lab.StopPoints([]int{10, 100_000}, [][][]time.Duration{{{1 * ms, 3 * ms, 2 * ms}}, {{50 * ms}}})
	if !line.Line || line.X[0] != 10 || line.X[1] != 100_000 {
		t.Errorf("got %+v, want a line at x = 10 and 100,000", line)
	}
	if line.Y[0] != 2 || line.Y[1] != 50 {
		t.Errorf("medians %v, want [2 50]", line.Y)
	}
	if line := lab.StopPoints([]int{10}, nil); !math.IsNaN(line.Y[0]) {
		t.Errorf("a size without values gave %v, want NaN", line.Y[0])
	}
}

func TestWorkDoneBars(t *testing.T) {
	runs := [][]lab.GroupRun{
		{{Steps: 142, Took: 20 * time.Millisecond}, {Steps: 142, Took: 22 * time.Millisecond}},
		{{Steps: 9, Took: 3 * time.Millisecond}, {Steps: 16, Took: 4 * time.Millisecond}, {Steps: 2, Took: 5 * time.Millisecond}},
	}
	b := lab.WorkDoneBars("done", 140, 2, runs)
	if b.Values[0] != 100 || b.Values[1] != 5 || b.Low[1] != 0 || b.High[1] != 10 {
		t.Errorf("got %+v, want 100%% and a median of 5%% (0–10%%)", b)
	}
	if got := lab.MedianTook(runs[1]); got != 4*time.Millisecond {
		t.Errorf("MedianTook = %v, want 4ms", got)
	}
	if got := lab.MedianTook(nil); got != 0 {
		t.Errorf("MedianTook(nil) = %v, want 0", got)
	}
}
