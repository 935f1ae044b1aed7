package check

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Exact checks that got returns want in every trial: it calls got s.Trials times
// under each GOMAXPROCS setting of s, each call limited to s.Timeout, prints the
// verdict (see the package documentation) and returns it:
//
//	PASS: 600/600 trials gave 1000 (GOMAXPROCS 1, 2, 4; 200 trials each)
//	FAIL: 37 of 600 trials did not give 1000 (got min 912, max 999)
//
// For numbers and strings the wrong results are summarised by their minimum and
// maximum, for other types by the most frequent ones. Results are compared with
// ==; if T is an interface type holding values that cannot be compared, the
// comparison panics and the check reports that panic.
//
// A nil got or an invalid Spec is not run: the Verdict has Err set.
func Exact[T comparable](name string, s Spec, want T, got func() T) Verdict {
	const fn = "check.Exact"
	sp, err := s.resolve(fn)
	if err != nil {
		return invalid(err)
	}
	if got == nil {
		return invalid(errors.New(fn + ": got is nil"))
	}
	if v, done := raceFirst(name, &sp, func() { got() }); done {
		return v
	}
	type result struct {
		v  T
		ok bool
	}
	var w wrongValues[T]
	t := newTally()
	h := run(sp, func() result {
		v := got()
		return result{v, v == want} // compared here, so a panicking == is contained
	}, func(p, _ int, r result) bool {
		t.count(p, !r.ok)
		if !r.ok {
			w.add(r.v)
		}
		return true
	})
	if h.text != "" {
		return stoppedReport(name, h, sp).print()
	}
	return t.verdict(name, sp, "wrong",
		fmt.Sprintf("%d/%d trials gave %s (%s)", t.total, t.total, show(want), sp.settings()),
		fmt.Sprintf("%d of %d trials did not give %s (%s)", t.failed, t.total, show(want), w.summary()))
}

// tally counts the trials of Exact and That, in total and per GOMAXPROCS setting.
type tally struct {
	total, failed int
	ran, failedBy map[int]int
}

func newTally() *tally { return &tally{ran: map[int]int{}, failedBy: map[int]int{}} }

func (t *tally) count(procs int, failed bool) {
	t.total++
	t.ran[procs]++
	if failed {
		t.failed++
		t.failedBy[procs]++
	}
}

// verdict prints and returns the verdict of a run that was not stopped: PASS with
// the evidence pass when no trial failed, otherwise FAIL with the evidence fail,
// the failures per setting (called what: "wrong", "failed") and a hint.
func (t *tally) verdict(name string, sp spec, what, pass, fail string) Verdict {
	if t.failed == 0 {
		r := sp.report(name)
		r.pass, r.line = true, pass
		return r.print()
	}
	r := sp.report(name)
	r.line, r.race, r.hint = fail, true, hintSometimes
	if t.failed == t.total {
		r.hint = hintAlways
	}
	if len(sp.procs) > 1 {
		parts := make([]string, 0, len(sp.procs))
		for _, p := range sp.procs {
			parts = append(parts, fmt.Sprintf("%d: %d of %d %s", p, t.failedBy[p], t.ran[p], what))
		}
		r.details = []string{"By GOMAXPROCS: " + strings.Join(parts, ", ")}
	}
	return r.print()
}

// wrongValues summarises the wrong results of Exact.
type wrongValues[T any] struct {
	count    int
	min, max T
	ordered  bool           // T is a number or string type: min and max are set
	freq     map[string]int // the results as printed, and how often each came
	order    []string       // the keys of freq in order of first appearance
}

func (w *wrongValues[T]) add(v T) {
	w.count++
	if w.count == 1 {
		w.min, w.max = v, v
		_, w.ordered = compare(v, v)
		w.freq = map[string]int{}
	}
	if w.ordered {
		if c, _ := compare(v, w.min); c < 0 {
			w.min = v
		}
		if c, _ := compare(v, w.max); c > 0 {
			w.max = v
		}
		return
	}
	// Keyed by the printed form, because T's values may not be hashable.
	k := show(v)
	if w.freq[k] == 0 {
		w.order = append(w.order, k)
	}
	w.freq[k]++
}

// summary is "got min 912, max 999", "got 999", or the three most frequent
// results, "got [1 2] 30 times, [2 1] 7 times and 2 other results".
func (w *wrongValues[T]) summary() string {
	if w.count == 0 {
		return ""
	}
	if w.ordered {
		if c, _ := compare(w.min, w.max); c == 0 {
			return "got " + show(w.min)
		}
		return fmt.Sprintf("got min %s, max %s", show(w.min), show(w.max))
	}
	keys := slices.Clone(w.order)
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(w.freq[b], w.freq[a]) })
	s := "got "
	for i, k := range keys[:min(3, len(keys))] {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %s", k, times(w.freq[k]))
	}
	if rest := len(keys) - 3; rest > 0 {
		s += fmt.Sprintf(" and %d other result%s", rest, plural(rest))
	}
	return s
}

// compare orders two values of a number or string type; ok is false for other
// types, including interface types, whose values may be of different kinds.
func compare[T any](a, b T) (c int, ok bool) {
	x, y := reflect.ValueOf(&a).Elem(), reflect.ValueOf(&b).Elem()
	switch x.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(x.Int(), y.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmp.Compare(x.Uint(), y.Uint()), true
	case reflect.Float32, reflect.Float64:
		return cmp.Compare(x.Float(), y.Float()), true
	case reflect.String:
		return cmp.Compare(x.String(), y.String()), true
	}
	return 0, false
}

// show formats a result: strings quoted, everything else as fmt's %v.
func show(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// That checks that trial passes every time: it calls trial s.Trials times under
// each GOMAXPROCS setting of s, each call limited to s.Timeout. A trial passes by
// returning nil; it fails by returning an error that says what it saw, which the
// verdict quotes for the first failing trial:
//
//	PASS: 600/600 trials passed (GOMAXPROCS 1, 2, 4; 200 trials each)
//	FAIL: 3 of 600 trials failed; the first, trial 17 at GOMAXPROCS=2: got 2 results, want 3
//
// A nil trial or an invalid Spec is not run: the Verdict has Err set.
func That(name string, s Spec, trial func() error) Verdict {
	const fn = "check.That"
	sp, err := s.resolve(fn)
	if err != nil {
		return invalid(err)
	}
	if trial == nil {
		return invalid(errors.New(fn + ": trial is nil"))
	}
	if v, done := raceFirst(name, &sp, func() { trial() }); done {
		return v
	}
	t := newTally()
	var first string
	h := run(sp, trial, func(p, i int, err error) bool {
		t.count(p, err != nil)
		if err != nil && first == "" {
			first = fmt.Sprintf("trial %d at GOMAXPROCS=%d: %v", i, p, err)
		}
		return true
	})
	if h.text != "" {
		return stoppedReport(name, h, sp).print()
	}
	return t.verdict(name, sp, "failed",
		fmt.Sprintf("%d/%d trials passed (%s)", t.total, t.total, sp.settings()),
		fmt.Sprintf("%d of %d trials failed; the first, %s", t.failed, t.total, first))
}

// Close checks a prediction against a measurement, such as a predicted speed-up.
// It passes when predicted is within tolerance of measured, relative to measured:
// |predicted − measured| <= tolerance × |measured|, so 0.2 accepts predictions
// within 20%. (A measured 0 accepts only a predicted 0.)
//
//	PASS: speed-up: predicted 1.8, measured 1.93 — within 20% (off by 6.74%)
//	FAIL: speed-up: predicted 4, measured 1.93 — off by 107%, more than the 20% allowed
//
// Close prints that one line and nothing else. NaN or infinite numbers, or a
// negative tolerance, are not checked: the Verdict has Err set.
func Close(name string, predicted, measured, tolerance float64) Verdict {
	const fn = "check.Close"
	for _, a := range []struct {
		name string
		x    float64
	}{{"predicted", predicted}, {"measured", measured}, {"tolerance", tolerance}} {
		if math.IsNaN(a.x) || math.IsInf(a.x, 0) {
			return invalid(fmt.Errorf("%s: %s must be a finite number, got %v", fn, a.name, a.x))
		}
	}
	if tolerance < 0 {
		return invalid(fmt.Errorf("%s: tolerance must be >= 0, got %v", fn, tolerance))
	}
	off := math.Abs(predicted - measured)
	r := report{name: name, pass: off <= tolerance*math.Abs(measured)}
	r.line = fmt.Sprintf("predicted %s, measured %s — ", num(predicted), num(measured))
	allowed := num(100*tolerance) + "%"
	switch {
	case r.pass:
		r.line += fmt.Sprintf("within %s (off by %s%%)", allowed, num(percent(off, measured)))
	case measured == 0:
		r.line += fmt.Sprintf("only a prediction of 0 is within %s of 0", allowed)
	default:
		r.line += fmt.Sprintf("off by %s%%, more than the %s allowed", num(percent(off, measured)), allowed)
	}
	return r.print()
}

func percent(off, measured float64) float64 {
	if off == 0 {
		return 0
	}
	return 100 * off / math.Abs(measured)
}

// num formats x with up to three significant digits and no exponent: 1.93, 1230, 0.05.
func num(x float64) string { return stats.FormatSignificant(x, 3) }
