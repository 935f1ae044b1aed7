package check

import (
	"strings"
	"testing"
)

// A check that fails again prints its next hint, and the last hint repeats, both
// in memory and, in a notebook, through the file in GoNB's folder.
func TestHintsComeInTiers(t *testing.T) {
	for _, dir := range []string{"", t.TempDir()} {
		t.Setenv(gonbTempDir, dir)
		name := "tiers in " + dir
		var got []string
		for range 3 {
			out := capture(t)
			v := Exact(name, Spec{Trials: 1, Procs: []int{1}, Hints: []string{"nudge", "specific"}}, 1, func() int { return 2 })
			for _, l := range lines(t, out, v) {
				if h, ok := strings.CutPrefix(l, "Hint: "); ok {
					got = append(got, h)
				}
			}
		}
		if strings.Join(got, ",") != "nudge,specific,specific" {
			t.Errorf("GONB_TMP_DIR=%q: hints %q, want nudge, specific, specific", dir, got)
		}
	}
}

func TestEmptyHintIsRefused(t *testing.T) {
	capture(t)
	v := That("", Spec{Hints: []string{"ok", " "}}, func() error { return nil })
	if v.Err == nil || !strings.Contains(v.Line, "s.Hints[1] is empty") {
		t.Errorf("got %q, want an error naming s.Hints[1]", v.Line)
	}
}
