package trials

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// fixed returns a measure function that returns rates[contender][repetition]
// millions of ops/s at every point (scaled by 1+column, so columns differ).
func fixed(rates [][]float64) func(row, column, contender int) (Rate, error) {
	calls := make([]int, len(rates))
	return func(row, column, contender int) (Rate, error) {
		rep := calls[contender] / 2 // two points per repetition in the tests below
		calls[contender]++
		ops := rates[contender][rep%len(rates[contender])] * 1e6 * float64(1+column)
		return Rate{Ops: int(ops), Elapsed: time.Second}, nil
	}
}

func TestRateGridBadInput(t *testing.T) {
	ok := func(int, int, int) (Rate, error) { return Rate{Ops: 1, Elapsed: time.Second}, nil }
	good := RateGrid{Contenders: []string{"A", "B"}, Columns: []string{"x"}, Repetitions: 1}
	with := func(change func(*RateGrid)) RateGrid { g := good; change(&g); return g }
	tests := []struct {
		name    string
		g       RateGrid
		measure func(int, int, int) (Rate, error)
		want    string
	}{
		{"no contenders", with(func(g *RateGrid) { g.Contenders = nil }), ok, "trials.RateGrid.Measure: RateGrid.Contenders is empty"},
		{"no columns", with(func(g *RateGrid) { g.Columns = nil }), ok, "trials.RateGrid.Measure: RateGrid.Columns is empty"},
		{"repetitions", with(func(g *RateGrid) { g.Repetitions = 0 }), ok, "trials.RateGrid.Measure: RateGrid.Repetitions must be >= 1, got 0"},
		{"scale < 0", with(func(g *RateGrid) { g.Scale = -1 }), ok, "trials.RateGrid.Measure: RateGrid.Scale must be a finite number >= 0 (0 means 1), got -1"},
		{"scale NaN", with(func(g *RateGrid) { g.Scale = math.NaN() }), ok, "trials.RateGrid.Measure: RateGrid.Scale must be a finite number >= 0 (0 means 1), got NaN"},
		{"same name", with(func(g *RateGrid) { g.Contenders = []string{"A", "B", "A"} }), ok,
			`trials.RateGrid.Measure: RateGrid.Contenders[0] and [2] are both "A": every contender needs its own name`},
		{"nil measure", good, nil, "trials.RateGrid.Measure: measure is nil"},
		{"measure fails", with(func(g *RateGrid) { g.Rows = []string{"r"} }),
			func(_, _, k int) (Rate, error) {
				if k == 1 {
					return Rate{}, errors.New("boom")
				}
				return Rate{Ops: 1, Elapsed: 1}, nil
			}, `trials.RateGrid.Measure: row "r", column "x", contender "B": boom`},
		{"no elapsed", good, func(int, int, int) (Rate, error) { return Rate{Ops: 5}, nil },
			`trials.RateGrid.Measure: column "x", contender "A": the Rate has no elapsed time (5 ops in 0s)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.g.Measure(tt.measure)
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got error %q, want %q", err, tt.want)
			}
		})
	}
}

// The methods of a Result report bad names and columns instead of panicking.
func TestRatesBadInput(t *testing.T) {
	g := RateGrid{Contenders: []string{"A", "B"}, Columns: []string{"x", "y"}, Repetitions: 2}
	r, err := g.Measure(fixed([][]float64{{1, 2}, {3, 4}}))
	if err != nil {
		t.Fatal(err)
	}
	row := r.Rows[0]
	cases := []struct{ got, want string }{
		{row.Tally("A", "Z").String(), `trials.RateRow.Tally: b is "Z", not one of the contenders (A, B)`},
		{row.Report("Z"), "trials.RateRow.Report: baseline is \"Z\", not one of the contenders (A, B)\n"},
		{RateRow{}.Tally("A", "B").String(), "trials.RateRow.Tally: the RateRow was not made by RateGrid.Measure"},
		{RateRow{}.Report("A"), "trials.RateRow.Report: the RateRow was not made by RateGrid.Measure\n"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if row.Tally("Q", "A").Err == nil {
		t.Error("no Err for an unknown name")
	}
}

// One repetition visits every point and contender before the next repetition begins.
func TestRateGridInterleaves(t *testing.T) {
	var order []string
	g := RateGrid{Contenders: []string{"A", "B"}, Rows: []string{"1", "2"}, Columns: []string{"x"}, Repetitions: 2}
	_, err := g.Measure(func(r, c, k int) (Rate, error) {
		order = append(order, g.Rows[r]+g.Columns[c]+g.Contenders[k])
		return Rate{Ops: 1, Elapsed: time.Second}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(order, " "), "1xA 1xB 2xA 2xB 1xA 1xB 2xA 2xB"; got != want {
		t.Errorf("measured in the order %s, want %s", got, want)
	}
}

func TestRateGridVerdicts(t *testing.T) {
	g := RateGrid{Contenders: []string{"base", "fast", "same"}, Columns: []string{"x", "y"}, Repetitions: 5, Scale: 1e6}
	r, err := g.Measure(fixed([][]float64{
		{10, 11, 12, 13, 14}, // base
		{20, 21, 22, 23, 24}, // fast: CI far above base's
		{11, 12, 13, 14, 15}, // same: CI overlaps base's
	}))
	if err != nil {
		t.Fatal(err)
	}
	row := r.Rows[0]
	base, fast, same := 0, 1, 2
	if v := versus(row.Summaries[0][fast], row.Summaries[0][base]); !v.faster || v.slower || v.String() != "faster (×1.83)" {
		t.Errorf("fast vs base = %+v, %q", v, v)
	}
	if v := versus(row.Summaries[0][base], row.Summaries[0][fast]); !v.slower || v.String() != "slower (×0.55)" {
		t.Errorf("base vs fast = %+v, %q", v, v)
	}
	if v := versus(row.Summaries[1][same], row.Summaries[1][base]); v.faster || v.slower || v.String() != "tie (CIs overlap)" {
		t.Errorf("same vs base = %+v, %q", v, v)
	}
	if got := row.Tally("fast", "base").String(); got != "faster at 2, tied at 0, slower at 0 of 2" {
		t.Errorf("tally fast vs base: %s", got)
	}
	if got := row.Tally("same", "base"); got.Ties != 2 {
		t.Errorf("tally same vs base: %s", got)
	}
	if s := row.Summaries[1][fast]; s.Median != 44e6 || !(s.MedianLow <= s.Median && s.Median <= s.MedianHigh) {
		t.Errorf("fast at y: %+v, want a median of 44 million within its interval", s)
	}
	if len(row.Samples[0][0]) != 5 || row.Summaries[0][0].Median != 12e6 {
		t.Errorf("samples %v, median %v", row.Samples[0][0], row.Summaries[0][0].Median)
	}
}

func TestRateGridReportAndTable(t *testing.T) {
	g := RateGrid{Contenders: []string{"A", "B"}, Rows: []string{"short", "a longer µ row"}, Columns: []string{"5% x", "100% x"}, Repetitions: 5, Scale: 1e6}
	r, err := g.Measure(func(row, column, k int) (Rate, error) {
		ops := []float64{10, 10, 10, 10, 10}[0] * 1e6
		if k == 1 && row == 1 {
			ops *= 3
		}
		return Rate{Ops: int(ops), Elapsed: time.Second}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "" +
		"short            5% x:  A 10.00 [10.00–10.00]  B 10.00 [10.00–10.00]\n" +
		"    B vs A: tie (CIs overlap)\n" +
		"short          100% x:  A 10.00 [10.00–10.00]  B 10.00 [10.00–10.00]\n" +
		"    B vs A: tie (CIs overlap)\n"
	if got := r.Rows[0].Report("A"); got != want {
		t.Errorf("Report:\n%s\nwant:\n%s", got, want)
	}
	if got := r.Rows[1].Report("A"); !strings.HasPrefix(got, "a longer µ row   5% x:  A 10.00 [10.00–10.00]  B 30.00 [30.00–30.00]\n    B vs A: faster (×3.00)\n") {
		t.Errorf("Report:\n%s", got)
	}
	wantTable := "" +
		"setting        | 5% x  | 100% x\n" +
		"short          | A ≈ B | A ≈ B\n" +
		"a longer µ row | B     | B\n"
	if got := r.Table("setting"); got != wantTable {
		t.Errorf("Table:\n%s\nwant:\n%s", got, wantTable)
	}
}

// Without rows, a report line starts with the column.
func TestRateGridNoRows(t *testing.T) {
	g := RateGrid{Contenders: []string{"only"}, Columns: []string{"c"}, Repetitions: 1}
	r, err := g.Measure(func(int, int, int) (Rate, error) { return Rate{Ops: 3, Elapsed: time.Second}, nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Rows) != 1 || r.Grid.Scale != 1 {
		t.Fatalf("rows %d, scale %v", len(r.Rows), r.Grid.Scale)
	}
	if got := r.Rows[0].Report("only"); got != "c:  only 3.00 [3.00–3.00]\n" {
		t.Errorf("Report = %q", got)
	}
}
