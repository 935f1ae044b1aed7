package helpers

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

func TestQuota(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want float64
	}{
		{[]string{"max", "100000"}, 0},
		{[]string{"-1", "100000"}, 0},
		{[]string{"200000", "100000"}, 2},
		{[]string{"50000", "100000"}, 0.5},
		{[]string{"garbage"}, 0},
		{[]string{"1", "0"}, 0},
	} {
		if got := quota(tc.in); got != tc.want {
			t.Errorf("quota(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	m := Describe()
	if m.NumCPU != runtime.NumCPU() || m.GOMAXPROCS != runtime.GOMAXPROCS(0) || m.GoVersion != runtime.Version() {
		t.Errorf("Describe() = %+v", m)
	}
	s := m.String()
	for _, want := range []string{runtime.Version(), "GOMAXPROCS=", "CPUs"} {
		if !strings.Contains(s, want) {
			t.Errorf("String() = %q, lacks %q", s, want)
		}
	}
}

func ExampleMachine_String() {
	m := Machine{GoVersion: "go1.26.8", GoNB: "v0.11.1", NumCPU: 2, GOMAXPROCS: 2}
	fmt.Println(m)
	// Output:
	// go1.26.8 · GoNB v0.11.1
	// 2 CPUs · GOMAXPROCS=2 · no container CPU limit
}
