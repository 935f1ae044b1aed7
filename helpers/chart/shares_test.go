package chart_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/stats"
)

// The share of trials in which a goroutine had run, at each sleep length, with
// its 95% interval.
func ExampleShareLine() {
	ran := []stats.Share{{Hits: 0, Total: 200}, {Hits: 150, Total: 200}, {Hits: 200, Total: 200}}
	line := chart.ShareLine("had run", ran)
	for i := range ran {
		fmt.Printf("%s: %.1f%% (%.1f–%.1f%%)\n", ran[i], line.Y[i], line.Low[i], line.High[i])
	}
	// Output:
	// 0/200 (0%): 0.0% (0.0–1.9%)
	// 150/200 (75%): 75.0% (68.6–80.5%)
	// 200/200 (100%): 100.0% (98.1–100.0%)
}

// The share of runs of two versions of a program that printed a line.
func ExampleShareBars() {
	printed := []stats.Share{{Hits: 100, Total: 100}, {Hits: 3, Total: 100}}
	c := chart.Bars(chart.Labels{Title: "Runs that printed the line", X: "version", Y: "runs (%)"},
		[]string{"with sleep", "without"}, chart.ShareBars("printed", printed))
	fmt.Println(c.Text())
	// Output:
	// Runs that printed the line
	// version     printed
	// with sleep  100 (96.3–100)
	// without     3 (1.025–8.452)
}

func TestSharesBadInput(t *testing.T) {
	for _, bad := range []stats.Share{{Hits: 3, Total: 2}, {Hits: -1, Total: 2}, {Hits: 0, Total: -1}} {
		shares := []stats.Share{{Hits: 1, Total: 2}, bad}
		line := chart.ShareLine("line", shares)
		if !math.IsNaN(line.Y[1]) || !math.IsNaN(line.Low[1]) || !math.IsNaN(line.High[1]) {
			t.Errorf("ShareLine(%v): got %v %v %v, want NaN for the bad share", bad, line.Y[1], line.Low[1], line.High[1])
		}
		err := chart.Lines(chart.Labels{}, []string{"a", "b"}, line).Err()
		if err == nil || !strings.Contains(err.Error(), "series[0].Y[1] is NaN") {
			t.Errorf("Lines with ShareLine(%v): err = %v, want one naming series[0].Y[1]", bad, err)
		}
		err = chart.Bars(chart.Labels{}, []string{"a", "b"}, chart.ShareBars("bars", shares)).Err()
		if err == nil || !strings.Contains(err.Error(), "series[0].Values[1] is NaN") {
			t.Errorf("Bars with ShareBars(%v): err = %v, want one naming series[0].Values[1]", bad, err)
		}
	}
}

func TestSharesMatchInterval(t *testing.T) {
	shares := []stats.Share{{Hits: 0, Total: 0}, {Hits: 7, Total: 9}, {Hits: 9, Total: 9}}
	line, bars := chart.ShareLine("l", shares), chart.ShareBars("b", shares)
	if line.Name != "l" || bars.Name != "b" {
		t.Errorf("names %q and %q, want l and b", line.Name, bars.Name)
	}
	for i, s := range shares {
		low, high := s.Interval()
		want := []float64{s.Percent(), 100 * low, 100 * high}
		for _, got := range [][]float64{{line.Y[i], line.Low[i], line.High[i]}, {bars.Values[i], bars.Low[i], bars.High[i]}} {
			for k := range want {
				if math.Abs(got[k]-want[k]) > 1e-9 {
					t.Errorf("share %v: got %v, want %v", s, got, want)
				}
			}
		}
		if !(line.Low[i] <= line.Y[i] && line.Y[i] <= line.High[i]) {
			t.Errorf("share %v: %v outside its interval %v–%v", s, line.Y[i], line.Low[i], line.High[i])
		}
	}
	if err := chart.Lines(chart.Labels{}, []string{"a", "b", "c"}, line).Err(); err != nil {
		t.Errorf("valid shares: %v", err)
	}
}
