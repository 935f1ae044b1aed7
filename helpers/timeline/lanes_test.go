package timeline

import (
	"slices"
	"testing"
)

func TestLanes(t *testing.T) {
	tests := []struct {
		name  string
		lanes []string // lanes of the spans, in span order
		want  []string
	}{
		{"nil", nil, []string{}},
		{"Ps", []string{"P10", "P2", "P0", "P1", "P2"}, []string{"P0", "P1", "P2", "P10"}},
		{"orders", []string{"order 10", "order 9", "order 1", "order 10"}, []string{"order 1", "order 9", "order 10"}},
		{"words", []string{"worker", "main", "counter"}, []string{"counter", "main", "worker"}},
		{"prefix first", []string{"a 1", "a1", "a"}, []string{"a", "a1", "a 1"}},
		{"leading zeros", []string{"a1", "a01", "a001", "a2"}, []string{"a001", "a01", "a1", "a2"}},
		{"long numbers", []string{"n123456789012345678901", "n99"}, []string{"n99", "n123456789012345678901"}},
		{"empty lane", []string{"x", ""}, []string{"", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var spans []Span
			for _, l := range tt.lanes {
				spans = append(spans, Span{Lane: l})
			}
			if got := Lanes(spans); !slices.Equal(got, tt.want) {
				t.Errorf("Lanes(%q) = %q, want %q", tt.lanes, got, tt.want)
			}
		})
	}
}

func TestCompareNaturalIsAnOrder(t *testing.T) {
	words := []string{"", "0", "00", "1", "01", "10", "9", "a", "a0", "a00", "a1", "a01", "a9", "a10", "b", "P1", "P01", "1a", "01a", "a b", " "}
	for _, x := range words {
		if c := compareNatural(x, x); c != 0 {
			t.Errorf("compare(%q, %q) = %d, want 0", x, x, c)
		}
		for _, y := range words {
			xy, yx := compareNatural(x, y), compareNatural(y, x)
			if xy != -yx {
				t.Errorf("compare(%q, %q) = %d but compare(%q, %q) = %d", x, y, xy, y, x, yx)
			}
			if x != y && xy == 0 {
				t.Errorf("compare(%q, %q) = 0 for different strings", x, y)
			}
			for _, z := range words {
				if xy < 0 && compareNatural(y, z) < 0 && compareNatural(x, z) >= 0 {
					t.Errorf("not transitive: %q < %q < %q but not %q < %q", x, y, z, x, z)
				}
			}
		}
	}
}
