package lab

import (
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/chart"
	"github.com/go-concurrency-lab/course/helpers/internal/display"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

func TestShowRates(t *testing.T) {
	g := trials.RateGrid{Contenders: []string{"A", "B"}, Rows: []string{"short", "long"}, Columns: []string{"5% x", "100% x"}, Repetitions: 5, Scale: 1e6}
	r, err := g.Measure(func(row, column, k int) (trials.Rate, error) {
		ops := 10e6
		if k == 1 && row == 1 {
			ops *= 3
		}
		return trials.Rate{Ops: int(ops), Elapsed: time.Second}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := display.Capture(func() {
		ShowRates(r, "A", "B", "setting", chart.Labels{Title: "Speed", Subtitle: "per share", X: "share", Y: "ops/s"})
	})
	for _, want := range []string{
		r.Rows[0].Report("A"), r.Rows[1].Report("A"),
		"Speed: short", "Speed: long",
		"B against A, judged by 95% CIs: faster at 0, tied at 2, slower at 0 of 2 per share",
		"B against A, judged by 95% CIs: faster at 2, tied at 0, slower at 0 of 2 per share",
		"\nDecision table: the fastest at each point;",
		r.Table("setting"),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("ShowRates printed no %q:\n%s", want, got)
		}
	}
	bars := rateBars(r.Grid, r.Rows[1])
	if len(bars) != 2 || bars[1].Name != "B" || len(bars[1].Values) != 2 || bars[1].Values[0] != 30 || bars[0].Values[1] != 10 {
		t.Errorf("rateBars(long) = %+v, want A at 10 and B at 30 million", bars)
	}
}
