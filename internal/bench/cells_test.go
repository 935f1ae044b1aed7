package bench

import (
	"math"
	"testing"
)

func TestIsCommand(t *testing.T) {
	for src, want := range map[string]bool{
		"%goflags \"\"":                           true,
		"%env GORACE exitcode=0\n%goflags -race":  true,
		"!go version\n!*grep x go.mod":            true,
		"!*go mod edit \\\n  -replace=a=b\n":      true,
		"// a comment\n\n%goflags":                true,
		"":                                        true,
		"%%\nfmt.Println(1)":                      false,
		"%goflags -race\n%%\nrun()":               false,
		"%main\nfmt.Println(1)":                   false,
		"func f() {}":                             false,
		"import \"fmt\"\n":                        false,
		"%goflags -race\nvar x = 1":               false,
		"!echo a \\\nb\nfunc f() {}":              false,
		"  %% --flag=1\nfmt.Println(flag.Args())": false,
	} {
		if got := IsCommand(src); got != want {
			t.Errorf("IsCommand(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		src    string
		run    float64
		charts bool
		want   string
	}{
		{"%goflags", math.NaN(), false, KindCommand},
		{"%%\nfmt.Println(1)", 0.004, false, KindPlain},
		{"func f() {}", math.NaN(), false, KindPlain},
		{"%%\nexperiment()", ExperimentRun, false, KindExperiment},
		{"%%\nexperiment()", 2.5, false, KindExperiment},
		{"%%\nchart.Show(histogram())", 0.04, true, KindExperiment},
	} {
		if got := Classify(tc.src, tc.run, tc.charts); got != tc.want {
			t.Errorf("Classify(%q, %v, %v) = %s, want %s", tc.src, tc.run, tc.charts, got, tc.want)
		}
	}
}

func TestMedianAndSpread(t *testing.T) {
	if m := Median([]float64{3, 1, 2}); m != 2 {
		t.Errorf("median of 3 = %v", m)
	}
	if m := Median([]float64{4, 1, 2, 3}); m != 2.5 {
		t.Errorf("median of 4 = %v", m)
	}
	if !math.IsNaN(Median(nil)) {
		t.Error("median of none is not NaN")
	}
	xs := []float64{1.0, 1.2, 0.9, 1.1, 1.0}
	if s, ok := RelativeSpread(xs); !ok || math.Abs(s-0.3) > 1e-9 {
		t.Errorf("spread = %v, %v, want 0.3", s, ok)
	}
	if xs[0] != 1.0 || xs[2] != 0.9 {
		t.Error("Median sorted its argument")
	}
	if s, ok := RelativeSpread([]float64{0, 0, 0}); !ok || s != 0 {
		t.Errorf("constant zero: %v, %v", s, ok)
	}
	if _, ok := RelativeSpread([]float64{0, 0, 1}); ok {
		t.Error("zero median with differing values has a spread")
	}
	if _, ok := RelativeSpread([]float64{5}); ok {
		t.Error("one value has a spread")
	}
	if s, _ := RelativeSpread([]float64{-2, -1, -3}); math.Abs(s-1) > 1e-9 {
		t.Errorf("negative median: %v", s)
	}
}

func TestFirstLine(t *testing.T) {
	if got := firstLine("\n\n  import (\n\t\"fmt\"\n)"); got != "import (" {
		t.Errorf("firstLine = %q", got)
	}
	long := "// ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"
	if got := []rune(firstLine(long)); len(got) != 60 || string(got[57:]) != "..." {
		t.Errorf("long first line = %q", string(got))
	}
}
