package badinput

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
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

// TestCheck runs this test binary again, to run Check in a test of its own
// (TestCheckInChild) on one case that is right and one that is wrong, and
// asserts on what that test reports: a subtest per case, named after it; the
// wrong one fails with its Problem, the right one passes; each call made once.
func TestCheck(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCheckInChild$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), "BADINPUT_CHILD=1")
	out, err := cmd.CombinedOutput()
	text := string(out)
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
		t.Fatalf("the child test ended with %v, want exit status 1 (a failed test):\n%s", err, text)
	}
	for _, line := range []string{
		"--- PASS: TestCheckInChild/right",
		"--- FAIL: TestCheckInChild/wrong",
		`got error "boom", want "` + want + `"`,
		"calls: right 1, wrong 1",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("the child test's output lacks %q:\n%s", line, text)
		}
	}
}

// TestCheckInChild is the test that TestCheck runs in a child process; it is
// meant to fail there, and does nothing in an ordinary run.
func TestCheckInChild(t *testing.T) {
	if os.Getenv("BADINPUT_CHILD") != "1" {
		t.Skip("run by TestCheck in a child process")
	}
	calls := map[string]int{}
	Check(t, []Case{
		{Name: "right", Call: func() error { calls["right"]++; return errors.New(want) }, Want: want},
		{Name: "wrong", Call: func() error { calls["wrong"]++; return errors.New("boom") }, Want: want},
	})
	fmt.Printf("calls: right %d, wrong %d\n", calls["right"], calls["wrong"])
}
