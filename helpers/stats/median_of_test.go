package stats_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// The median of one field of many trial outcomes.
func ExampleMedianOf() {
	type look struct {
		ran    bool
		looked time.Duration
	}
	looks := []look{{false, 3 * time.Microsecond}, {true, 1100 * time.Microsecond}, {true, 1080 * time.Microsecond}}
	looked, err := stats.MedianOf(looks, func(l look) time.Duration { return l.looked })
	fmt.Println(looked, err)
	// Output:
	// 1.08ms <nil>
}

func TestMedianOf(t *testing.T) {
	id := func(x float64) float64 { return x }
	for _, c := range []struct {
		values []float64
		want   float64
	}{
		{[]float64{5}, 5},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{-1, -1, 7, 100}, 3},
	} {
		if got, err := stats.MedianOf(c.values, id); err != nil || got != c.want {
			t.Errorf("MedianOf(%v) = %v, %v; want %v", c.values, got, err, c.want)
		}
	}
	// Integers and durations round the mean of the middle two to the nearest.
	if got, _ := stats.MedianOf([]int{1, 2, 4, 9}, func(x int) int { return x }); got != 3 {
		t.Errorf("MedianOf(1 2 4 9) = %d, want 3 (the mean 3.0)", got)
	}
	if got, _ := stats.MedianOf([]int{1, 2, 5, 9}, func(x int) int { return x }); got != 4 {
		t.Errorf("MedianOf(1 2 5 9) = %d, want 4 (3.5 rounded)", got)
	}
	if got, _ := stats.MedianOf([]time.Duration{-3, -2}, func(d time.Duration) time.Duration { return d }); got != -3 {
		t.Errorf("MedianOf(-3ns -2ns) = %v, want -3ns (-2.5 rounded away from zero)", got)
	}
	// The values are not changed.
	values := []float64{3, 1, 2}
	stats.MedianOf(values, id)
	if values[0] != 3 || values[1] != 1 || values[2] != 2 {
		t.Errorf("MedianOf changed its values to %v", values)
	}
}

func TestMedianOfBadInput(t *testing.T) {
	id := func(x float64) float64 { return x }
	for _, c := range []struct {
		values []float64
		pick   func(float64) float64
		want   string
	}{
		{nil, id, "stats.MedianOf: values is empty"},
		{[]float64{}, id, "stats.MedianOf: values is empty"},
		{[]float64{1}, nil, "stats.MedianOf: pick is nil"},
		{[]float64{1, math.NaN()}, id, "stats.MedianOf: values[1] is NaN"},
		{[]float64{math.Inf(-1)}, id, "stats.MedianOf: values[0] is -Inf"},
	} {
		got, err := stats.MedianOf(c.values, c.pick)
		if err == nil || !strings.Contains(err.Error(), c.want) || got != 0 {
			t.Errorf("MedianOf(%v) = %v, %v; want 0 and an error %q", c.values, got, err, c.want)
		}
	}
}
