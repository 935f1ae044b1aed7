package badinput

import (
	"errors"
	"testing"
)

const want = "pkg.F: n must be > 0, got 0"

func TestProblem(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{errors.New(want), ""},
		{nil, `got no error, want "` + want + `"`},
		{errors.New("boom"), `got error "boom", want "` + want + `"`},
	} {
		if got := Problem(Case{"case", func() error { return tc.err }, want}); got != tc.want {
			t.Errorf("Problem(error %v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestCheck(t *testing.T) {
	Check(t, []Case{{"exact", func() error { return errors.New(want) }, want}})
}
