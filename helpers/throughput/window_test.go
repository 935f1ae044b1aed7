package throughput

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/display"
)

// The goroutines a caller starts count only the calls of the window, and the
// Rate spans at least the window.
func TestWindowCounts(t *testing.T) {
	const goroutines, warmUp, window = 2, 5 * time.Millisecond, 10 * time.Millisecond
	w := StartWindow(warmUp, window)
	var counted, all atomic.Int64
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			counted.Add(int64(w.Count(func(int) { all.Add(1); time.Sleep(100 * time.Microsecond) })))
		})
	}
	wg.Wait()
	r := w.Rate(int(counted.Load()))
	if r.Elapsed < window {
		t.Errorf("Elapsed %v, want at least the window %v", r.Elapsed, window)
	}
	if r.Ops <= 0 || int64(r.Ops) >= all.Load() {
		t.Errorf("counted %d of %d calls: want some, and fewer than all (the warm-up is not counted)", r.Ops, all.Load())
	}
}

// Each call gets the goroutine's own count, from 0, through the warm-up and the
// window; without a warm-up every call counts, and a window of 0 still makes one.
func TestWindowCallNumbers(t *testing.T) {
	var calls []int
	n := StartWindow(0, 2*time.Millisecond).Count(func(call int) { calls = append(calls, call) })
	if n != len(calls) || n == 0 {
		t.Fatalf("Count = %d with %d calls", n, len(calls))
	}
	for i, c := range calls {
		if c != i {
			t.Fatalf("call %d got number %d", i, c)
		}
	}
	if n := StartWindow(-time.Millisecond, 0).Count(func(int) {}); n != 1 {
		t.Errorf("a window of 0: Count = %d, want 1", n)
	}
}

func TestResultShow(t *testing.T) {
	var out bytes.Buffer
	display.Stdout = &out
	defer func() { display.Stdout = currentStdoutForTest }()
	g := Grid{Contenders: []string{"A", "B"}, Rows: []string{"short", "long"}, Columns: []string{"5% x", "100% x"}, Repetitions: 5, Scale: 1e6}
	r, err := g.Measure(func(row, column, k int) (Rate, error) {
		ops := 10e6
		if k == 1 && row == 1 {
			ops *= 3
		}
		return Rate{Ops: int(ops), Elapsed: time.Second}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r.Show("A", "B", "setting", chartLabels("Speed", "per share"))
	got := out.String()
	for _, want := range []string{
		r.Rows[0].Report("A"), r.Rows[1].Report("A"),
		"Speed: short", "Speed: long",
		"B against A, judged by 95% CIs: faster at 0, tied at 2, slower at 0 of 2 per share",
		"B against A, judged by 95% CIs: faster at 2, tied at 0, slower at 0 of 2 per share",
		"\nDecision table: the fastest at each point;",
		r.Table("setting"),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Show printed no %q:\n%s", want, got)
		}
	}
}

var currentStdoutForTest = display.Stdout

func chartLabels(title, subtitle string) chart.Labels {
	return chart.Labels{Title: title, Subtitle: subtitle, X: "share", Y: "ops/s"}
}
