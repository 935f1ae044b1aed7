package lab

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/internal/display"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

func TestInFlightCountsThePeak(t *testing.T) {
	var f InFlight
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 5 {
		f.Start()
		wg.Go(func() {
			defer f.Done()
			<-release
		})
	}
	if f.Now() != 5 || f.Peak() != 5 {
		t.Errorf("5 started: Now %d, Peak %d", f.Now(), f.Peak())
	}
	close(release)
	wg.Wait()
	f.Start()
	f.Done()
	if f.Now() != 0 || f.Peak() != 5 {
		t.Errorf("all done: Now %d, Peak %d; want 0 and 5", f.Now(), f.Peak())
	}
}

func TestPeakMemory(t *testing.T) {
	if _, err := PeakMemory(time.Millisecond, nil); err == nil || err.Error() != "lab.PeakMemory: f is nil" {
		t.Errorf("nil f: %v", err)
	}
	if _, err := PeakMemory(0, func() {}); err == nil || err.Error() != "lab.PeakMemory: interval must be > 0, got 0s" {
		t.Errorf("interval 0: %v", err)
	}
	var keep [][]byte
	peak, err := PeakMemory(100*time.Microsecond, func() {
		for range 64 {
			keep = append(keep, make([]byte, 256<<10)) // 16 MB in all
		}
	})
	if err != nil || peak < 8<<20 {
		t.Errorf("16 MB allocated and kept: peak %.1f MB, %v", peak/(1<<20), err)
	}
	_ = keep
}

func TestMeasureCosts(t *testing.T) {
	for _, tc := range []struct {
		rounds int
		ways   []func()
		want   string
	}{
		{0, []func(){func() {}}, "lab.MeasureCosts: rounds must be >= 1, got 0"},
		{1, nil, "lab.MeasureCosts: ways is empty"},
		{1, []func(){func() {}, nil}, "lab.MeasureCosts: ways[1] is nil"},
	} {
		if _, err := MeasureCosts(tc.rounds, tc.ways...); err == nil || err.Error() != tc.want {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
	costs, err := MeasureCosts(3, func() { time.Sleep(2 * time.Millisecond) }, func() {})
	if err != nil || len(costs) != 2 {
		t.Fatalf("%v, %d costs", err, len(costs))
	}
	if costs[0].Time.Median < float64(2*time.Millisecond) || costs[1].Time.Median >= costs[0].Time.Median || costs[0].Time.Count != 3 {
		t.Errorf("times: %v and %v", costs[0].Time, costs[1].Time)
	}
}

// fakeRates measures made-up rates: contender k at column c runs (c+1)×(k+1)×100 ops per second.
func fakeRates(t *testing.T, columns []string, contenders ...string) trials.Rates {
	t.Helper()
	r, err := trials.RateGrid{Contenders: contenders, Columns: columns, Repetitions: 3}.Measure(func(_, c, k int) (trials.Rate, error) {
		return trials.Rate{Ops: (c + 1) * (k + 1) * 100, Elapsed: time.Second}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRateLinesAndBars(t *testing.T) {
	r := fakeRates(t, []string{"1", "2", "4"}, "a", "b")
	lines := RateLines(r)
	if len(lines) != 2 || lines[1].Name != "b" || !equal(lines[1].Y, []float64{200, 400, 600}) || !equal(lines[1].Low, lines[1].Y) {
		t.Errorf("RateLines: %+v", lines)
	}
	rel := RelativeLines(r)
	if !equal(rel[0].Y, []float64{1, 2, 3}) || !equal(rel[1].Y, []float64{1, 2, 3}) {
		t.Errorf("RelativeLines: %+v", rel)
	}
	bars := RateBars(r)
	if len(bars) != 2 || !equal(bars[0].Values, []float64{100, 200, 300}) {
		t.Errorf("RateBars: %+v", bars)
	}
	if RateBars(trials.Rates{}) != nil || len(RateLines(trials.Rates{})) != 0 {
		t.Error("no rows should give no series")
	}
	text := RatesText(r, "jobs/s")
	if want := "a (jobs/s): 1: 100 [100–100] · 2: 200 [200–200] · 4: 300 [300–300]\nb (jobs/s): 1: 200"; !strings.HasPrefix(text, want) {
		t.Errorf("RatesText:\n%s\nwant it to start with\n%s", text, want)
	}
	if c := chart.Lines(chart.Labels{}, r.Grid.Columns, rel...); c.Err() != nil {
		t.Error(c.Err())
	}
}

func TestPeakLines(t *testing.T) {
	peaks := trials.Results[int]{Values: [][][]int{{{1, 1}, {1, 2}}, {{2, 1}, {3, 2}}}}
	lines := PeakLines([]string{"sem", "group"}, peaks, []int{1, 2})
	if len(lines) != 3 || !equal(lines[0].Y, []float64{1, 2}) || !equal(lines[1].Y, []float64{2, 3}) ||
		lines[2].Name != "limit asked for" || !lines[2].Dashed || !equal(lines[2].Y, []float64{1, 2}) {
		t.Errorf("PeakLines: %+v", lines)
	}
	if lines := PeakLines([]string{"sem"}, peaks, nil); len(lines) != 1 {
		t.Errorf("without limits: %d lines", len(lines))
	}
}

func TestShowCosts(t *testing.T) {
	ms := float64(time.Millisecond)
	cost := func(t, mb float64) Cost {
		c := Cost{}
		c.Time.Median, c.Time.MedianLow, c.Time.MedianHigh = t*ms, t*ms, t*ms
		c.Memory.Median, c.Memory.MedianLow, c.Memory.MedianHigh = mb*(1<<20), mb*(1<<20), mb*(1<<20)
		return c
	}
	got := display.Capture(func() {
		ShowCosts(chart.Labels{Title: "Costs"}, []string{"each", "pool"}, []Cost{cost(120, 30), cost(60, 0.1)})
	})
	for _, want := range []string{"Costs", "each: time median 120ms [120–120], peak memory median 30 MB [30–30]\n", "pool: time median 60ms"} {
		if !strings.Contains(got, want) {
			t.Errorf("ShowCosts printed no %q:\n%s", want, got)
		}
	}
	if got := display.Capture(func() { ShowCosts(chart.Labels{}, []string{"one"}, nil) }); !strings.Contains(got, "lab.ShowCosts: 1 names for 0 costs") {
		t.Errorf("mismatch: %q", got)
	}
}

func TestCountLabelsAndOutOfPlace(t *testing.T) {
	if got := CountLabels([]int{1, 16, 256}); strings.Join(got, ",") != "1,16,256" {
		t.Errorf("CountLabels: %q", got)
	}
	if n := OutOfPlace([]int{0, 2, 1, 3}); n != 2 {
		t.Errorf("OutOfPlace: %d, want 2", n)
	}
	if n := OutOfPlace(nil); n != 0 {
		t.Errorf("OutOfPlace(nil): %d", n)
	}
}

func TestSite(t *testing.T) {
	ctx := context.Background()
	ok := NewSite(3, -1, nil)
	var pages []string
	for _, url := range ok.URLs() {
		page, err := ok.Fetch(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, page)
	}
	if err := ok.Verify(pages, nil, 2); err != nil {
		t.Errorf("right pages: %v", err)
	}
	pages[0], pages[1] = pages[1], pages[0]
	if err := ok.Verify(pages, nil, 2); err == nil || !strings.Contains(err.Error(), "keep the pages in the order of the URLs") {
		t.Errorf("swapped pages: %v", err)
	}
	if err := ok.Verify(nil, errors.New("boom"), 2); err == nil || !strings.Contains(err.Error(), "no page failed") {
		t.Errorf("unexpected error: %v", err)
	}
	if _, err := ok.Fetch(ctx, "https://example.com/elsewhere"); err == nil {
		t.Error("an unknown URL was found")
	}

	calls := 0
	bad := NewSite(6, 1, func() { calls++ })
	urls := bad.URLs()
	_, err := bad.Fetch(ctx, urls[1])
	if !errors.Is(err, errServer) {
		t.Fatalf("broken page: %v", err)
	}
	for _, url := range urls[2:] { // fetches that ignore the failure
		bad.Fetch(ctx, url)
	}
	if err := bad.Verify(nil, err, 2); err == nil || !strings.HasPrefix(err.Error(), "4 requests started after page 1 failed (of 5 in all)") {
		t.Errorf("fetches after the failure: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := bad.Fetch(cancelled, urls[0]); !errors.Is(err, context.Canceled) || calls != 5 {
		t.Errorf("cancelled fetch: %v, %d requests", err, calls)
	}
	fine := NewSite(6, 1, nil)
	_, err = fine.Fetch(ctx, urls[1])
	if err := fine.Verify(nil, err, 2); err != nil {
		t.Errorf("stopped at the failure: %v", err)
	}
	if err := fine.Verify(nil, nil, 2); err == nil || !strings.Contains(err.Error(), "but the error returned was <nil>") {
		t.Errorf("error lost: %v", err)
	}
}

func TestPipelineRate(t *testing.T) {
	if _, err := PipelineRate(0, func(<-chan int, chan<- int) {}); err == nil || err.Error() != "lab.PipelineRate: items must be >= 1, got 0" {
		t.Errorf("0 items: %v", err)
	}
	if _, err := PipelineRate(3, nil); err == nil || err.Error() != "lab.PipelineRate: stage is nil" {
		t.Errorf("nil stage: %v", err)
	}
	pass := func(in <-chan int, out chan<- int) {
		for item := range in {
			out <- item
		}
		close(out)
	}
	if rate, err := PipelineRate(10, pass); err != nil || rate <= 0 || math.IsInf(rate, 0) {
		t.Errorf("pass-through: %v, %v", rate, err)
	}
	swap := func(in <-chan int, out chan<- int) {
		a, b := <-in, <-in
		out <- b
		out <- a
		for item := range in {
			out <- item
		}
		close(out)
	}
	if _, err := PipelineRate(4, swap); err == nil || err.Error() != "item 1 came out where item 0 belongs: keep the input order" {
		t.Errorf("swapped: %v", err)
	}
	drop := func(in <-chan int, out chan<- int) {
		for item := range in {
			if item != 2 {
				out <- item
			}
		}
		close(out)
	}
	if _, err := PipelineRate(3, drop); err == nil || err.Error() != "item 3 came out where item 2 belongs: keep the input order" && err.Error() != "2 items came out of 3 sent in" {
		t.Errorf("dropped: %v", err)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}
