// Package badinput runs the bad-input table tests of the helpers: each case calls a
// function with bad input and names the exact error it must return.
package badinput

import (
	"fmt"
	"testing"
)

// Case is one bad input: Call makes the call and returns its error, which must be Want.
type Case struct {
	Name string
	Call func() error
	Want string
}

// Check runs every case as a subtest, which fails with the case's Problem.
func Check(t *testing.T, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			if p := Problem(c); p != "" {
				t.Error(p)
			}
		})
	}
}

// Problem makes the case's call and says what is wrong with its result: no error, or
// an error whose text is not exactly Want. It returns "" when the error is as wanted.
func Problem(c Case) string {
	err := c.Call()
	switch {
	case err == nil:
		return fmt.Sprintf("got no error, want %q", c.Want)
	case err.Error() != c.Want:
		return fmt.Sprintf("got error %q, want %q", err, c.Want)
	}
	return ""
}
