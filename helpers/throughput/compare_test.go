package throughput

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

func TestGridBadInput(t *testing.T) {
	ok := func(int, int, int) (Rate, error) { return Rate{Ops: 1, Elapsed: time.Second}, nil }
	good := Grid{Contenders: []string{"A", "B"}, Columns: []string{"x"}, Repetitions: 1}
	with := func(change func(*Grid)) Grid { g := good; change(&g); return g }
	tests := []struct {
		name    string
		g       Grid
		measure func(int, int, int) (Rate, error)
		want    string
	}{
		{"no contenders", with(func(g *Grid) { g.Contenders = nil }), ok, "throughput.Grid.Measure: Grid.Contenders is empty"},
		{"no columns", with(func(g *Grid) { g.Columns = nil }), ok, "throughput.Grid.Measure: Grid.Columns is empty"},
		{"repetitions", with(func(g *Grid) { g.Repetitions = 0 }), ok, "throughput.Grid.Measure: Grid.Repetitions must be >= 1, got 0"},
		{"scale < 0", with(func(g *Grid) { g.Scale = -1 }), ok, "throughput.Grid.Measure: Grid.Scale must be a finite number >= 0 (0 means 1), got -1"},
		{"scale NaN", with(func(g *Grid) { g.Scale = math.NaN() }), ok, "throughput.Grid.Measure: Grid.Scale must be a finite number >= 0 (0 means 1), got NaN"},
		{"same name", with(func(g *Grid) { g.Contenders = []string{"A", "B", "A"} }), ok,
			`throughput.Grid.Measure: Grid.Contenders[0] and [2] are both "A": every contender needs its own name`},
		{"nil measure", good, nil, "throughput.Grid.Measure: measure is nil"},
		{"measure fails", with(func(g *Grid) { g.Rows = []string{"r"} }),
			func(_, _, k int) (Rate, error) {
				if k == 1 {
					return Rate{}, errors.New("boom")
				}
				return Rate{Ops: 1, Elapsed: 1}, nil
			}, `throughput.Grid.Measure: row "r", column "x", contender "B": boom`},
		{"no elapsed", good, func(int, int, int) (Rate, error) { return Rate{Ops: 5}, nil },
			`throughput.Grid.Measure: column "x", contender "A": the Rate has no elapsed time (5 ops in 0s)`},
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
func TestResultBadInput(t *testing.T) {
	g := Grid{Contenders: []string{"A", "B"}, Columns: []string{"x", "y"}, Repetitions: 2}
	r, err := g.Measure(fixed([][]float64{{1, 2}, {3, 4}}))
	if err != nil {
		t.Fatal(err)
	}
	row := r.Rows[0]
	cases := []struct{ got, want string }{
		{row.Versus(2, "A", "B").String(), "throughput.Row.Versus: column must be between 0 and 1, got 2"},
		{row.Versus(-1, "A", "B").String(), "throughput.Row.Versus: column must be between 0 and 1, got -1"},
		{row.Versus(0, "C", "B").String(), `throughput.Row.Versus: a is "C", not one of the contenders (A, B)`},
		{row.Versus(0, "A", "").String(), `throughput.Row.Versus: b is "", not one of the contenders (A, B)`},
		{row.Tally("A", "Z").String(), `throughput.Row.Tally: b is "Z", not one of the contenders (A, B)`},
		{row.Report("Z"), "throughput.Row.Report: baseline is \"Z\", not one of the contenders (A, B)\n"},
		{Row{}.Versus(0, "A", "B").String(), "throughput.Row.Versus: the Row was not made by Grid.Measure"},
		{Row{}.Tally("A", "B").String(), "throughput.Row.Tally: the Row was not made by Grid.Measure"},
		{Row{}.Report("A"), "throughput.Row.Report: the Row was not made by Grid.Measure\n"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if row.Versus(0, "A", "Z").Err == nil || row.Tally("Q", "A").Err == nil {
		t.Error("no Err for an unknown name")
	}
	if (Row{}).Bars() != nil {
		t.Error("Bars of a zero Row is not nil")
	}
}

// One repetition visits every point and contender before the next repetition begins.
func TestGridInterleaves(t *testing.T) {
	var order []string
	g := Grid{Contenders: []string{"A", "B"}, Rows: []string{"1", "2"}, Columns: []string{"x"}, Repetitions: 2}
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

func TestGridVerdicts(t *testing.T) {
	g := Grid{Contenders: []string{"base", "fast", "same"}, Columns: []string{"x", "y"}, Repetitions: 5, Scale: 1e6}
	r, err := g.Measure(fixed([][]float64{
		{10, 11, 12, 13, 14}, // base
		{20, 21, 22, 23, 24}, // fast: CI far above base's
		{11, 12, 13, 14, 15}, // same: CI overlaps base's
	}))
	if err != nil {
		t.Fatal(err)
	}
	row := r.Rows[0]
	if v := row.Versus(0, "fast", "base"); !v.Faster || v.Slower || v.String() != "faster (×1.83)" {
		t.Errorf("fast vs base = %+v, %q", v, v)
	}
	if v := row.Versus(0, "base", "fast"); !v.Slower || v.String() != "slower (×0.55)" {
		t.Errorf("base vs fast = %+v, %q", v, v)
	}
	if v := row.Versus(1, "same", "base"); v.Faster || v.Slower || v.String() != "tie (CIs overlap)" {
		t.Errorf("same vs base = %+v, %q", v, v)
	}
	if got := row.Tally("fast", "base").String(); got != "faster at 2, tied at 0, slower at 0 of 2" {
		t.Errorf("tally fast vs base: %s", got)
	}
	if got := row.Tally("same", "base"); got.Ties != 2 {
		t.Errorf("tally same vs base: %s", got)
	}
	bars := row.Bars()
	if len(bars) != 3 || bars[1].Name != "fast" || bars[1].Values[0] != 22 || bars[1].Values[1] != 44 {
		t.Errorf("bars = %+v", bars)
	}
	for _, b := range bars {
		for i := range b.Values {
			if !(b.Low[i] <= b.Values[i] && b.Values[i] <= b.High[i]) {
				t.Errorf("bar %s[%d]: %v outside [%v, %v]", b.Name, i, b.Values[i], b.Low[i], b.High[i])
			}
		}
	}
	if len(row.Samples[0][0]) != 5 || row.Summaries[0][0].Median != 12e6 {
		t.Errorf("samples %v, median %v", row.Samples[0][0], row.Summaries[0][0].Median)
	}
}

func TestGridReportAndTable(t *testing.T) {
	g := Grid{Contenders: []string{"A", "B"}, Rows: []string{"short", "a longer µ row"}, Columns: []string{"5% x", "100% x"}, Repetitions: 5, Scale: 1e6}
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
func TestGridNoRows(t *testing.T) {
	g := Grid{Contenders: []string{"only"}, Columns: []string{"c"}, Repetitions: 1}
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
